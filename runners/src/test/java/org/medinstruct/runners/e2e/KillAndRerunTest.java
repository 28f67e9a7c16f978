package org.medinstruct.runners.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimStats;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * {@code respond} killed with SIGKILL part-way and rerun with the same --cacheDir pays for nothing
 * twice, and a finished run reruns for free. The endpoint is the simulated one (a test double for a
 * paid API) on 127.0.0.1; the killed run is a child JVM.
 */
class KillAndRerunTest {
  private static final int TASKS = 150;

  @TempDir Path tmp;

  @Test
  void givenRunKilledPartWay_rerunSendsOnlyUnjournaledRequestsAndAccountsForEveryTask()
      throws Exception {
    Path tasks = E2e.writeTasks(tmp.resolve("tasks.jsonl"), TASKS);
    Path cache = tmp.resolve("cache");
    try (SimulatedLlmServer sim =
        SimulatedLlmServer.start(SimConfig.defaults().withLatency(100, 20))) {
      // 20 requests/s: the run takes several seconds, long enough to be caught part-way.
      String[] args = {
        "respond",
        "--input=" + tasks,
        "--output=" + tmp.resolve("out1"),
        "--cacheDir=" + cache,
        "--llmBaseUrl=" + sim.baseUrl(),
        "--requestsPerMinute=1200"
      };
      Process child = E2e.startMain(tmp.resolve("run1"), Map.of(), args);
      int journaled = 0;
      while (child.isAlive() && journaled < 20) {
        Thread.sleep(20);
        journaled = E2e.journaledCompletions(cache);
      }
      assertThat(
          "the first run was still running when the journal reached 20 completions"
              + E2e.read(tmp.resolve("run1/stderr.txt")),
          child.isAlive(),
          is(true));
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS), is(true));
      // Requests the server was still answering when the child died complete on its side too.
      Thread.sleep(1000);
      int journaledAtKill = E2e.journaledCompletions(cache);
      SimStats atKill = sim.stats();
      assertThat(journaledAtKill, greaterThan(0));
      assertThat("killed before the end", journaledAtKill, lessThan(TASKS));
      assertThat(Files.exists(tmp.resolve("out1/summary.json")), is(false));

      Path out2 = tmp.resolve("out2");
      args[2] = "--output=" + out2;
      Process rerun = E2e.startMain(tmp.resolve("run2"), Map.of(), args);
      assertThat(rerun.waitFor(10, TimeUnit.MINUTES), is(true));
      assertThat(E2e.read(tmp.resolve("run2/stderr.txt")), rerun.exitValue(), is(0));
      SimStats after = sim.stats();

      // Every task needs a completion; the journaled ones came from the journal, so the rerun sent
      // exactly the others: not one journaled request was sent again.
      long sentByRerun = after.chatRequests() - atKill.chatRequests();
      assertThat(sentByRerun, is((long) (TASKS - journaledAtKill)));
      JsonObject s = E2e.summary(out2);
      assertThat(E2e.http(s, "requests_sent"), is((long) (TASKS - journaledAtKill)));
      // Only completions answered but not yet journaled at the kill may be paid twice.
      assertThat(
          after.duplicateCompletions(), lessThanOrEqualTo(atKill.completions() - journaledAtKill));

      assertThat(E2e.count(s, "generated"), is((long) TASKS));
      assertThat(
          E2e.count(s, "accepted") + E2e.count(s, "rejected") + E2e.count(s, "failed"),
          is((long) TASKS));
      assertThat(E2e.count(s, "failed"), is(0L));
      assertThat(s.getAsJsonObject("counts").get("reconciles").getAsBoolean(), is(true));
      assertThat(E2e.lines(out2.resolve("medinstruct.jsonl")), is(E2e.count(s, "accepted")));
      assertThat(E2e.lines(out2.resolve("rejected.jsonl")), is(E2e.count(s, "rejected")));
    }
  }

  @Test
  void givenFinishedRun_rerunSendsNothingAndWritesIdenticalFiles_andRefreshCacheSendsAgain()
      throws Exception {
    int n = 30;
    Path tasks = E2e.writeTasks(tmp.resolve("tasks.jsonl"), n);
    Path cache = tmp.resolve("cache");
    try (SimulatedLlmServer sim = SimulatedLlmServer.start(SimConfig.defaults())) {
      E2e.Result first =
          E2e.runInProcess(
              "respond",
              "--input=" + tasks,
              "--output=" + tmp.resolve("a"),
              "--cacheDir=" + cache,
              "--llmBaseUrl=" + sim.baseUrl());
      assertThat(first.err(), first.exitCode(), is(0));
      SimStats afterFirst = sim.stats();
      assertThat(afterFirst.completions(), is((long) n));

      E2e.Result again =
          E2e.runInProcess(
              "respond",
              "--input=" + tasks,
              "--output=" + tmp.resolve("b"),
              "--cacheDir=" + cache,
              "--llmBaseUrl=" + sim.baseUrl());
      assertThat(again.err(), again.exitCode(), is(0));
      assertThat(
          "no request sent by the rerun",
          sim.stats().chatRequests(),
          is(afterFirst.chatRequests()));
      assertThat(E2e.http(E2e.summary(tmp.resolve("b")), "requests_sent"), is(0L));
      for (String f :
          new String[] {
            "medinstruct.json", "medinstruct.jsonl", "rejected.jsonl", "failed.jsonl"
          }) {
        assertThat(
            f + " byte-identical",
            Files.mismatch(tmp.resolve("a").resolve(f), tmp.resolve("b").resolve(f)),
            is(-1L));
      }

      E2e.Result refreshed =
          E2e.runInProcess(
              "respond",
              "--input=" + tasks,
              "--output=" + tmp.resolve("c"),
              "--cacheDir=" + cache,
              "--llmBaseUrl=" + sim.baseUrl(),
              "--refreshCache=true");
      assertThat(refreshed.err(), refreshed.exitCode(), is(0));
      SimStats afterRefresh = sim.stats();
      assertThat(afterRefresh.completions(), is(2L * n));
      assertThat(
          "every request paid again on purpose", afterRefresh.duplicateCompletions(), is((long) n));
      assertThat(E2e.http(E2e.summary(tmp.resolve("c")), "requests_sent"), is((long) n));
    }
  }
}
