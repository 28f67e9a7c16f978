package org.medinstruct.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.medinstruct.model.UserInputException;

/**
 * The {@code simulate-llm} command: starts a {@link SimulatedLlmServer} and serves until the
 * process is killed (SIGTERM or Ctrl-C).
 *
 * <p>Options: {@code --port=N} (0 = ephemeral), {@code --latencyMs=}, {@code --latencyJitterMs=},
 * {@code --faultRate=}, {@code --requestsPerMinute=}, {@code --contextLimitTokens=}, {@code
 * --seed=}, {@code --defectRate=}, {@code --inputWords=MIN-MAX} (task inputs of 20-300 words, say,
 * instead of the natural 50-200), {@code --batchDelayMs=}, {@code --batchFailedLineShare=}, {@code
 * --batchExpireFirst=} (Batch API: delay, share of failed lines, how many first batches expire),
 * {@code --apiKeyEnv=NAME} (require the key held in that environment variable; keys never go on a
 * command line), {@code --fault=hang|die|unauthorized|garbage} with {@code --faultAfter=N} (a
 * lasting fault after the first N chat requests, see {@link SimFault}). Unknown or malformed
 * options throw {@link UserInputException}.
 */
public final class SimulatorMain {
  private SimulatorMain() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (UserInputException e) {
      System.err.println("simulate-llm: " + e.getMessage());
      System.exit(2);
    }
  }

  public static void run(String[] args) {
    SimulatedLlmServer server =
        SimulatedLlmServer.start(parse(args), parseBatch(args), parseFault(args));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "sim-llm-shutdown"));
    System.out.println(banner(server));
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.close();
    }
  }

  static String banner(SimulatedLlmServer server) {
    return SimulatedLlmServer.WHAT
        + " at "
        + server.baseUrl()
        + "\n"
        + "base URL: "
        + server.baseUrl()
        + "\n"
        + "("
        + server.config()
        + (server.fault().mode() == SimFault.Mode.NONE ? "" : "; FAULT: " + server.fault())
        + "; stop with Ctrl-C)";
  }

  /** The Batch API options: --batchDelayMs, --batchFailedLineShare, --batchExpireFirst. */
  static SimBatchConfig parseBatch(String[] args) {
    SimBatchConfig d = SimBatchConfig.defaults();
    long delay = d.delayMillis();
    double failed = d.failedLineShare();
    int expire = d.expireFirstBatches();
    try {
      for (String a : args) {
        String v = a.substring(a.indexOf('=') + 1);
        if (a.startsWith("--batchDelayMs=")) {
          delay = Long.parseLong(v);
        } else if (a.startsWith("--batchFailedLineShare=")) {
          failed = Double.parseDouble(v);
        } else if (a.startsWith("--batchExpireFirst=")) {
          expire = Integer.parseInt(v);
        }
      }
      return new SimBatchConfig(delay, failed, expire);
    } catch (IllegalArgumentException ex) {
      throw new UserInputException("bad batch option value: " + ex.getMessage(), ex);
    }
  }

  /** The lasting fault: --fault=none|hang|die|unauthorized|garbage and --faultAfter=N. */
  static SimFault parseFault(String[] args) {
    SimFault.Mode mode = SimFault.Mode.NONE;
    int after = 0;
    try {
      for (String a : args) {
        String v = a.substring(a.indexOf('=') + 1);
        if (a.startsWith("--fault=")) {
          mode = SimFault.Mode.parse(v);
        } else if (a.startsWith("--faultAfter=")) {
          after = Integer.parseInt(v.strip());
        }
      }
      return new SimFault(mode, after);
    } catch (IllegalArgumentException ex) {
      throw new UserInputException("bad fault option value: " + ex.getMessage(), ex);
    }
  }

  private static boolean parseBoolean(String v) {
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException("expected true or false, got '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }

  /** Parses the options into a config; throws UserInputException naming the bad option. */
  static SimConfig parse(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (!a.startsWith("--") || eq < 3) {
        throw new UserInputException("expected --name=value, got '" + a + "'");
      }
      opts.put(a.substring(2, eq), a.substring(eq + 1));
    }
    SimConfig c = SimConfig.defaults();
    try {
      for (Map.Entry<String, String> e : opts.entrySet()) {
        String v = e.getValue();
        c =
            switch (e.getKey()) {
              case "port" -> c.withPort(Integer.parseInt(v));
              case "latencyMs" -> c.withLatency(Long.parseLong(v), c.latencyJitterMs());
              case "latencyJitterMs" -> c.withLatency(c.latencyMs(), Long.parseLong(v));
              case "faultRate" -> c.withFaultRate(Double.parseDouble(v));
              case "requestsPerMinute" -> c.withRequestsPerMinute(Integer.parseInt(v));
              case "contextLimitTokens" -> c.withContextLimitTokens(Integer.parseInt(v));
              case "seed" -> c.withSeed(Long.parseLong(v));
              case "defectRate" -> c.withDefectRate(Double.parseDouble(v));
              case "batchDelayMs", "batchFailedLineShare", "batchExpireFirst" -> c; // parseBatch
              case "fault", "faultAfter" -> c; // parseFault
              case "inputWords" -> c.withInputWords(SimConfig.InputWords.parse(v));
              case "refuseResponseFormat" -> c.withRefuseResponseFormat(parseBoolean(v));
              case "apiKeyEnv" -> {
                String key = System.getenv(v);
                if (key == null || key.isBlank()) {
                  throw new UserInputException(
                      "--apiKeyEnv: environment variable " + v + " is not set");
                }
                yield c.withRequiredApiKey(key.trim());
              }
              default ->
                  throw new UserInputException(
                      "unknown option --"
                          + e.getKey()
                          + " (known: --port, --latencyMs, --latencyJitterMs, --faultRate,"
                          + " --requestsPerMinute, --contextLimitTokens, --seed, --defectRate,"
                          + " --inputWords, --apiKeyEnv, --batchDelayMs, --batchFailedLineShare,"
                          + " --batchExpireFirst, --fault, --faultAfter, --refuseResponseFormat)");
            };
      }
    } catch (NumberFormatException ex) {
      throw new UserInputException("bad number in options " + opts + ": " + ex.getMessage(), ex);
    } catch (IllegalArgumentException ex) {
      throw new UserInputException("bad option value: " + ex.getMessage(), ex);
    }
    return c;
  }
}
