package org.medinstruct.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimFault;
import org.medinstruct.sim.SimStats;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * The endpoint breaks for good mid-run: it hangs, it refuses the key, it answers garbage. The
 * endpoint is the built-in simulated one (a test double for a paid API) on a real loopback socket,
 * with a lasting {@link SimFault} after its first completions. Each run must end in bounded time
 * with exit status 5 and one message naming the cause, write no dataset, and pay once at most for
 * each request: no body answered twice, and every completion the endpoint served is in the journal
 * at most once.
 */
class EndpointFaultsTest {
  private static final String KEY = "sk-medinstruct-FAKE-KEY-faults";
  @TempDir Path tmp;
  private final Path cache = cacheDir();

  /**
   * A fresh cache dir under target/, not in the @TempDir: after a stopped in-process run returns,
   * its LLM client threads may still update the run's progress file there for seconds (a CLI run
   * exits), which would race the @TempDir's removal.
   */
  static Path cacheDir() {
    return Path.of("target", "fault-runs", java.util.UUID.randomUUID().toString()).toAbsolutePath();
  }

  private record Run(int status, String err, double seconds) {}

  private Run respond(SimulatedLlmServer sim, String... extra) throws IOException {
    StringBuilder tasks = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      tasks
          .append("{\"instruction\": \"Explain the first-line treatment of condition number ")
          .append(i)
          .append(".\"}\n");
    }
    Path input = Files.writeString(tmp.resolve("tasks.jsonl"), tasks);
    Path keyFile = Files.writeString(tmp.resolve("key.txt"), KEY);
    List<String> args =
        new ArrayList<>(
            List.of(
                "respond",
                "--input=" + input,
                "--output=" + tmp.resolve("out"),
                "--cacheDir=" + cache,
                "--llmBaseUrl=" + sim.baseUrl(),
                "--llmApiKeyFile=" + keyFile,
                "--maxInFlightRequests=4",
                "--breakerWindow=4"));
    args.addAll(List.of(extra));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long started = System.nanoTime();
    int status =
        Main.run(
            args.toArray(String[]::new),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8);
    assertThat(message, not(containsString(KEY)));
    assertThat(
        "no dataset is written",
        Files.exists(tmp.resolve("out").resolve("medinstruct.jsonl")),
        is(false));
    return new Run(status, message, (System.nanoTime() - started) / 1e9);
  }

  /** The key of every line of the journal segments in {@code cache}. */
  static List<String> journalKeys(Path cache) throws IOException {
    List<String> keys = new ArrayList<>();
    try (Stream<Path> files = Files.list(cache)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().matches("journal-.*\\.jsonl")).toList()) {
        for (String line : Files.readAllLines(f)) {
          if (!line.isBlank()) {
            keys.add(JsonParser.parseString(line).getAsJsonObject().get("key").getAsString());
          }
        }
      }
    }
    return keys;
  }

  private void assertPaidOnce(SimStats stats, long served) throws IOException {
    assertThat(stats.completions(), is(served));
    assertThat(stats.duplicateCompletions(), is(0L));
    List<String> keys = journalKeys(cache);
    assertThat(
        "a request journaled twice was paid twice: " + keys,
        new HashSet<>(keys).size(),
        is(keys.size()));
    assertThat((long) keys.size(), is(served));
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void givenEndpointThatStopsAnswering_runEndsAtTheRequestDeadlineWithStatusFive()
      throws Exception {
    try (SimulatedLlmServer sim =
        SimulatedLlmServer.start(SimConfig.defaults(), new SimFault(SimFault.Mode.HANG, 2))) {
      Run run = respond(sim, "--requestTimeoutSeconds=2", "--requestDeadlineSeconds=4");

      assertThat(run.err(), run.status(), is(5));
      assertThat(run.err(), containsString("kept failing after every retry"));
      assertThat(
          run.err(),
          containsString("the request deadline of 4 s, --requestDeadlineSeconds, has passed"));
      assertThat("hung requests were sent", sim.stats().chatRequests(), greaterThan(2L));
      assertThat("the hang is cut by the deadline, not waited out", run.seconds(), lessThan(120.0));
      assertPaidOnce(sim.stats(), 2);
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void givenKeyRevokedMidRun_runStopsWithStatusFiveNamingTheKey() throws Exception {
    try (SimulatedLlmServer sim =
        SimulatedLlmServer.start(
            SimConfig.defaults(), new SimFault(SimFault.Mode.UNAUTHORIZED, 3))) {
      Run run = respond(sim);

      assertThat(run.err(), run.status(), is(5));
      assertThat(run.err(), containsString("refused the API key on the workers (HTTP 401"));
      assertThat(run.err(), containsString("key from file " + tmp.resolve("key.txt")));
      assertThat(sim.stats().status(401), greaterThan(0L));
      assertThat(
          "the breaker stops the run after a handful of refusals",
          sim.stats().status(401),
          lessThan(16L));
      assertPaidOnce(sim.stats(), 3);
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void givenEndpointAnsweringGarbage_runStopsWithStatusFiveAskingAboutTheUrl() throws Exception {
    try (SimulatedLlmServer sim =
        SimulatedLlmServer.start(SimConfig.defaults(), new SimFault(SimFault.Mode.GARBAGE, 2))) {
      Run run = respond(sim, "--maxRetries=1");

      assertThat(run.err(), run.status(), is(5));
      assertThat(
          run.err(),
          containsString("kept answering HTTP 200 with a body that is not a chat completion"));
      assertThat(run.err(), containsString("--llmBaseUrl"));
      assertThat(sim.stats().malformedBodies(), greaterThan(0L));
      assertPaidOnce(sim.stats(), 2);
    }
  }
}
