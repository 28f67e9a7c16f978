package org.medinstruct.pipeline;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.medinstruct.endpoint.SimulatedEndpoint;
import org.medinstruct.llm.BatchSettings;
import org.medinstruct.llm.HttpChatClient;
import org.medinstruct.llm.LlmSettings;
import org.medinstruct.llm.ModelCatalog;
import org.medinstruct.llm.Prices;
import org.medinstruct.llm.Safeguards;
import org.medinstruct.llm.StopSettings;
import org.medinstruct.model.UserInputException;
import org.medinstruct.pipeline.options.LlmOptions;

/**
 * Decides which endpoint a run talks to: the one named by --llmBaseUrl; OpenAI's when only a key is
 * present; otherwise the built-in simulated endpoint (a test double for a paid API), started on a
 * loopback port for the duration of the run and announced in the first lines of output. The
 * simulator is found through {@link SimulatedEndpoint#find()} (the launcher has the simulator
 * module on its classpath; this module does not depend on it).
 */
public final class Endpoint implements AutoCloseable {
  public static final String OPENAI = "https://api.openai.com/v1";
  public static final String KEY_ENV = "OPENAI_API_KEY";

  /** --requestsPerMinute when not given: a conservative real-provider tier. */
  public static final int DEFAULT_RPM = 500;

  /** --requestsPerMinute when not given and the built-in simulated endpoint serves the run. */
  public static final int SIMULATED_RPM = 6000;

  private final LlmSettings settings;
  private final SimulatedEndpoint simulator;

  private Endpoint(LlmSettings settings, SimulatedEndpoint simulator) {
    this.settings = settings;
    this.simulator = simulator;
  }

  public static Endpoint open(LlmOptions o, PrintStream out, String progressDir) {
    String keyFile = o.getLlmApiKeyFile();
    if (keyFile != null && !Files.isReadable(Path.of(keyFile))) {
      throw new UserInputException("--llmApiKeyFile: cannot read " + keyFile);
    }
    boolean hasKey = keyFile != null || isSet(System.getenv(KEY_ENV));
    String baseUrl = o.getLlmBaseUrl();
    SimulatedEndpoint simulator = null;
    String endpointId = null;
    if (baseUrl == null && !hasKey) {
      simulator = startSimulator();
      baseUrl = simulator.baseUrl();
      // The port changes from run to run; the journal must not, so it keys on a stable name.
      endpointId = "simulated://medinstruct";
      out.println("No --llmBaseUrl and no API key: using the built-in SIMULATED LLM endpoint");
      out.println(
          "(a test double standing in for a paid API; its data is synthetic) at " + baseUrl);
    } else if (baseUrl == null) {
      baseUrl = OPENAI;
    }
    if (simulator == null) {
      // Before anything runs: a key over plain http to another machine is refused (exit 2).
      HttpChatClient.checkTransport(
          baseUrl.strip(), hasKey ? "set" : null, o.getAllowInsecureHttp());
    }
    // The built-in simulator started here, or one started by `simulate-llm` and named by URL.
    // (Asked only without a key: a key is for a real endpoint, and is never sent to the probe.)
    boolean simulated = simulator != null || (!hasKey && isSimulator(baseUrl));
    if (simulated && simulator == null) {
      out.println(
          "--llmBaseUrl "
              + label(baseUrl)
              + " is the built-in SIMULATED LLM endpoint"
              + " (a test double; its data is synthetic): the run is labelled simulated");
    }
    o.setEndpointLabel(simulated ? SIMULATED : label(baseUrl));
    int rpm =
        o.getRequestsPerMinute() > 0
            ? o.getRequestsPerMinute()
            : simulator != null ? SIMULATED_RPM : DEFAULT_RPM;
    LlmSettings settings =
        new LlmSettings(
            baseUrl,
            endpointId,
            KEY_ENV,
            keyFile,
            o.getAllowInsecureHttp(),
            rpm,
            o.getTokensPerMinute(),
            o.getMaxInFlightRequests(),
            o.getMaxRetries(),
            o.getRequestTimeoutSeconds(),
            o.getCacheDir() == null || o.getCacheDir().isBlank() ? null : o.getCacheDir(),
            o.getRefreshCache(),
            o.getMaxCostUsd(),
            o.getPricesFile(),
            o.getLlmWorkers(),
            progressDir,
            stopSettings(o, hasKey),
            new Safeguards(o.getRequestDeadlineSeconds(), journalScope(o.getJournalScope())),
            blankToNull(o.getModelsFile()),
            blankToNull(o.getLlmApiVersion()),
            authHeader(o.getLlmAuthHeader()),
            blankToNull(o.getLlmDeployments()),
            batchSettings(o, simulator != null));
    return new Endpoint(settings, simulator);
  }

  private static SimulatedEndpoint startSimulator() {
    return SimulatedEndpoint.find()
        .orElseThrow(
            () ->
                new UserInputException(
                    "No --llmBaseUrl and no API key, and the built-in simulated endpoint (module"
                        + " medinstruct-simulator) is not on this classpath: set "
                        + KEY_ENV
                        + " or --llmApiKeyFile, or start `runners/medinstruct simulate-llm` and"
                        + " pass its --llmBaseUrl"))
        .startDefault();
  }

  /**
   * The models file with this run's overrides; refuses (exit 2) a budget that could not hold
   * because one of {@code models} has no price. Call before anything is sent.
   */
  public static Prices prices(LlmOptions o, String... models) {
    Prices prices =
        Prices.of(
            ModelCatalog.load(
                blankToNull(o.getModelsFile()),
                blankToNull(o.getPricesFile()),
                blankToNull(o.getLlmDeployments())));
    prices.requirePriced(o.getMaxCostUsd(), models);
    return batchMode(o) ? prices.atBatchPrices() : prices;
  }

  private static LlmSettings.AuthHeader authHeader(String value) {
    String v = value == null ? "bearer" : value.strip().toLowerCase(java.util.Locale.ROOT);
    return switch (v) {
      case "bearer" -> LlmSettings.AuthHeader.BEARER;
      case "api-key", "api_key" -> LlmSettings.AuthHeader.API_KEY;
      default ->
          throw new UserInputException("--llmAuthHeader must be bearer or api-key, got " + value);
    };
  }

  /** Batch API settings for --llmMode=batch, null for online. */
  static BatchSettings batchSettings(LlmOptions o, boolean simulated) {
    String mode =
        o.getLlmMode() == null
            ? "online"
            : o.getLlmMode().strip().toLowerCase(java.util.Locale.ROOT);
    if (mode.equals("online")) {
      return null;
    }
    if (!mode.equals("batch")) {
      throw new UserInputException("--llmMode must be online or batch, got " + o.getLlmMode());
    }
    if (o.getCacheDir() == null || o.getCacheDir().isBlank()) {
      throw new UserInputException(
          "--llmMode=batch needs --cacheDir: batch ids are kept there for a restarted run");
    }
    String cache = o.getCacheDir().strip();
    if (cache.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !cache.startsWith("file://")) {
      // The batch ledger is a directory of append-only files, synced line by line.
      throw new UserInputException(
          "--llmMode=batch needs a local or shared-filesystem --cacheDir (on a cluster,"
              + " a directory every TaskManager mounts), not "
              + cache
              + ": the batch ledger lives there");
    }
    double poll = o.getBatchPollSeconds() > 0 ? o.getBatchPollSeconds() : simulated ? 1 : 30;
    try {
      return new BatchSettings(
          o.getBatchMaxRequests(),
          o.getBatchMaxBytes(),
          o.getBatchMaxEnqueuedTokens(),
          poll,
          Math.min(2, poll));
    } catch (IllegalArgumentException e) {
      throw new UserInputException("batch options: " + e.getMessage(), e);
    }
  }

  /** True when the options ask for the Batch API. */
  public static boolean batchMode(LlmOptions o) {
    return o.getLlmMode() != null && o.getLlmMode().strip().equalsIgnoreCase("batch");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** The endpoint label summary.json carries for a run the built-in simulated endpoint served. */
  public static final String SIMULATED = "simulated";

  /** A base URL without user info, query or fragment (where credentials could hide). */
  static String label(String baseUrl) {
    try {
      java.net.URI u = java.net.URI.create(baseUrl.strip());
      if (u.getScheme() == null || u.getHost() == null) {
        return "real";
      }
      return u.getScheme()
          + "://"
          + u.getHost()
          + (u.getPort() >= 0 ? ":" + u.getPort() : "")
          + (u.getRawPath() == null ? "" : u.getRawPath());
    } catch (IllegalArgumentException e) {
      return "real";
    }
  }

  /**
   * True when a loopback base URL is served by medinstruct's simulated endpoint (its model list is
   * owned by "medinstruct-simulator"). Only loopback hosts are asked, without a key, within 2 s;
   * any failure means "not the simulator".
   */
  static boolean isSimulator(String baseUrl) {
    try {
      java.net.URI u = java.net.URI.create(baseUrl.strip());
      String host = u.getHost();
      if (host == null || !java.net.InetAddress.getByName(host).isLoopbackAddress()) {
        return false;
      }
      java.net.http.HttpClient client =
          java.net.http.HttpClient.newBuilder()
              .connectTimeout(java.time.Duration.ofSeconds(10))
              .build();
      java.net.http.HttpResponse<String> r =
          client.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(baseUrl.strip().replaceAll("/+$", "") + "/models"))
                  // Generous: on a loaded machine a 2 s probe timed out and a run against the
                  // simulator was labelled real (records without "simulated": true).
                  .timeout(java.time.Duration.ofSeconds(20))
                  .GET()
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200
          && r.body().contains("\"owned_by\":\"" + SimulatedEndpoint.OWNER + "\"");
    } catch (java.io.IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** When the run stops as a whole; the thresholds are checked here (exit 2 when out of range). */
  static StopSettings stopSettings(LlmOptions o, boolean hasKey) {
    try {
      return new StopSettings(
          hasKey,
          o.getStopAfterSystemicFailures(),
          o.getBreakerWindow(),
          o.getBreakerFailureRate(),
          o.getProbeRequests());
    } catch (IllegalArgumentException e) {
      throw new UserInputException(
          "--stopAfterSystemicFailures/--breakerWindow/--breakerFailureRate/--probeRequests: "
              + e.getMessage(),
          e);
    }
  }

  private static Safeguards.JournalScope journalScope(String value) {
    try {
      return Safeguards.JournalScope.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
  }

  private static boolean isSet(String s) {
    return s != null && !s.isBlank();
  }

  public LlmSettings settings() {
    return settings;
  }

  public boolean simulated() {
    return simulator != null;
  }

  @Override
  public void close() {
    if (simulator != null) {
      simulator.close();
    }
  }
}
