package org.medinstruct.runners.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimBatchConfig;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * {@code generate --llmMode=batch} against the simulated endpoint (a test double for a paid API)
 * with failed lines and an expired batch, killed while its first batch is polled and rerun: no
 * batch is created twice, every request is journaled once, the summary is at batch prices, and the
 * dataset equals the online-mode dataset of the same seed.
 */
class BatchModeE2eTest {
  private static final int TARGET = 100;

  @TempDir Path tmp;

  private String[] generate(SimulatedLlmServer sim, String out, String cache, String... extra) {
    String[] base = {
      "generate",
      "--output=" + tmp.resolve(out),
      "--cacheDir=" + tmp.resolve(cache),
      "--llmBaseUrl=" + sim.baseUrl(),
      "--targetInstructions=" + TARGET,
      "--seed=7"
    };
    return Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new);
  }

  private static boolean batchCreated(Path cache) throws IOException {
    Path dir = cache.resolve("batches");
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (Files.readString(f).contains("\"created\"")) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void givenBatchRunKilledWhilePolling_rerunReattachesJournalsEachRequestOnceAndMatchesOnline()
      throws Exception {
    try (SimulatedLlmServer sim =
        SimulatedLlmServer.start(SimConfig.defaults(), new SimBatchConfig(800, 0.05, 1))) {
      E2e.Result online = E2e.runInProcess(generate(sim, "online", "online-cache"));
      assertThat(online.err(), online.exitCode(), is(0));

      String[] batch =
          generate(sim, "batch1", "batch-cache", "--llmMode=batch", "--batchPollSeconds=0.2");
      Process child = E2e.startMain(tmp.resolve("run1"), Map.of(), batch);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (child.isAlive()
          && !batchCreated(tmp.resolve("batch-cache"))
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(
          "killed while polling its first batch" + E2e.read(tmp.resolve("run1/stderr.txt")),
          child.isAlive(),
          is(true));
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS), is(true));
      int batchesAtKill = sim.batchApi().batchesCreated();

      batch[1] = "--output=" + tmp.resolve("batch2");
      E2e.Result rerun = E2e.runInProcess(batch);
      assertThat(rerun.err(), rerun.exitCode(), is(0));

      assertThat(batchesAtKill, greaterThan(0));
      assertThat(
          "no input file became two batches", sim.batchApi().inputFilesSubmittedTwice(), is(0));
      assertThat(
          "every submitted request journaled exactly once",
          E2e.journaledCompletions(tmp.resolve("batch-cache")),
          is(sim.batchApi().customIdSubmissions().size()));
      for (String f : new String[] {"medinstruct.json", "medinstruct.jsonl", "rejected.jsonl"}) {
        assertThat(
            f + " equals the online dataset",
            Files.mismatch(tmp.resolve("online").resolve(f), tmp.resolve("batch2").resolve(f)),
            is(-1L));
      }
      JsonObject s = E2e.summary(tmp.resolve("batch2"));
      assertThat(s.get("llm_mode").getAsString(), is("batch"));
      // The built-in simulator served the run: nothing was spent, the price-table figures are
      // what it would have cost ("_if_real").
      assertThat(s.get("simulated").getAsBoolean(), is(true));
      assertThat(s.get("cost_usd").getAsDouble(), is(0.0));
      double cost = s.get("cost_usd_if_real").getAsDouble();
      assertThat(cost, greaterThan(0.0));
      assertThat(
          "batch prices are half of online here",
          s.get("online_cost_usd_if_real").getAsDouble(),
          closeTo(2 * cost, 1e-5));
      assertThat(s.get("batch_saving_usd_if_real").getAsDouble(), closeTo(cost, 1e-5));
    }
  }
}
