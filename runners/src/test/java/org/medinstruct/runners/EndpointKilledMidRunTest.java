package org.medinstruct.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimFault;
import org.medinstruct.sim.SimStats;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * The endpoint (the built-in simulated endpoint, a test double for a paid API, on a real socket)
 * dies mid-run ({@link SimFault.Mode#DIE}: after 6 chat requests it stops listening and cuts open
 * connections): the run exits with status 5 within 60 s of the death, says the endpoint is down,
 * and nothing was paid twice (no body answered twice, each journaled key once). Repeated twice
 * here; {@code runners/bench/endpoint-kill} kills a separate endpoint process 20 times.
 */
class EndpointKilledMidRunTest {
  @TempDir Path tmp;
  private final Path cache = EndpointFaultsTest.cacheDir();

  @RepeatedTest(2)
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void givenEndpointKilledAfterSomeCompletions_runExitsFiveWithinAMinute() throws Exception {
    StringBuilder tasks = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      tasks
          .append("{\"instruction\": \"Explain the first-line treatment of condition number ")
          .append(i)
          .append(".\"}\n");
    }
    Path input = Files.writeString(tmp.resolve("tasks.jsonl"), tasks);
    SimulatedLlmServer sim =
        SimulatedLlmServer.start(
            SimConfig.defaults().withLatency(800, 400), new SimFault(SimFault.Mode.DIE, 6));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CompletableFuture<Integer> run =
        CompletableFuture.supplyAsync(
            () ->
                Main.run(
                    new String[] {
                      "respond",
                      "--input=" + input,
                      "--output=" + tmp.resolve("out"),
                      "--cacheDir=" + cache,
                      "--llmBaseUrl=" + sim.baseUrl(),
                      "--maxInFlightRequests=4"
                    },
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)));
    while (sim.stats().droppedConnections() == 0 && !run.isDone()) {
      Thread.sleep(50);
    }
    long diedAt = System.nanoTime();

    int status = run.get(120, TimeUnit.SECONDS);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - diedAt);
    SimStats stats = sim.stats();
    sim.close();

    assertThat(stats.droppedConnections(), is(1L));
    assertThat(status, is(5));
    assertThat(seconds, lessThan(60L));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("kept failing"));
    // Either stop path says so: the breaker's window of requests that failed after every retry
    // ("it is down, unreachable or overloaded"), or a request that saw only refused connections
    // for DeadEndpoint's 15 s ("the endpoint is down"). Which comes first depends on the retries'
    // jittered back-off: a request may use up its attempts within 15 s.
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("is down"));
    assertThat(stats.duplicateCompletions(), is(0L));
    assertThat(
        "nothing is written",
        Files.exists(tmp.resolve("out").resolve("medinstruct.jsonl")),
        is(false));
    // A completion cut off by the death may be paid and never arrive; none is journaled twice.
    List<String> keys = EndpointFaultsTest.journalKeys(cache);
    assertThat(new HashSet<>(keys).size(), is(keys.size()));
    assertThat((long) keys.size(), lessThanOrEqualTo(stats.completions()));
    assertThat(keys.size(), greaterThanOrEqualTo(1));
  }
}
