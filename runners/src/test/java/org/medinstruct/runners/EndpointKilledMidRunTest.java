package org.medinstruct.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * The endpoint (the built-in simulated endpoint, a test double for a paid API, on a real socket)
 * dies mid-run: the run exits with status 5 within 60 s of the kill, says the endpoint is down, and
 * nothing was paid twice. Repeated a few times here; {@code runners/bench/endpoint-kill.sh} runs 20.
 */
class EndpointKilledMidRunTest {
  @TempDir Path tmp;

  @RepeatedTest(2)
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void givenEndpointKilledAfterSomeCompletions_runExitsFiveWithinAMinute() throws Exception {
    StringBuilder tasks = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      tasks.append("{\"instruction\": \"Explain the first-line treatment of condition number ").append(i).append(".\"}\n");
    }
    Path input = Files.writeString(tmp.resolve("tasks.jsonl"), tasks);
    SimulatedLlmServer sim = SimulatedLlmServer.start(SimConfig.defaults().withLatency(800, 400));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.run(
        new String[] {"respond", "--input=" + input, "--output=" + tmp.resolve("out"),
            "--cacheDir=" + tmp.resolve("cache"), "--llmBaseUrl=" + sim.baseUrl(), "--maxInFlightRequests=4"},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)));
    while (sim.stats().completions() < 3 && !run.isDone()) {
      Thread.sleep(100);
    }
    long paid = sim.stats().completions();
    long duplicates = sim.stats().duplicateCompletions();
    sim.close();
    long killedAt = System.nanoTime();

    int status = run.get(120, TimeUnit.SECONDS);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);

    assertThat(paid, greaterThanOrEqualTo(3L));
    assertThat(status, is(5));
    assertThat(seconds, lessThan(60L));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("kept failing"));
    assertThat(duplicates, is(0L));
  }
}
