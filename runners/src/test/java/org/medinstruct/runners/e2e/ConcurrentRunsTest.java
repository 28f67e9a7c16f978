package org.medinstruct.runners.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimFault;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * Two runs on one --cacheDir, in two processes: while the first runs, the second refuses before any
 * request and names the first (pid); once the first is killed (SIGKILL, no clean-up), its lock is
 * gone with it and the next run on the same cache dir goes ahead. The endpoints are the built-in
 * simulated one (a test double for a paid API) on real loopback sockets; the first run's endpoint
 * hangs, so that it is surely still running.
 */
class ConcurrentRunsTest {
  @TempDir Path tmp;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void givenARunHoldingTheCacheDir_aSecondRefusesNamingIt_andAfterTheFirstIsKilledTheNextRuns()
      throws Exception {
    Path tasks = E2e.writeTasks(tmp.resolve("tasks.jsonl"), 3);
    // Not in the @TempDir: a stopped in-process run's client threads may still touch it briefly.
    Path cache = Path.of("target", "fault-runs", UUID.randomUUID().toString()).toAbsolutePath();
    Path lockFile = cache.resolve("run.lock");
    try (SimulatedLlmServer hung =
            SimulatedLlmServer.start(SimConfig.defaults(), new SimFault(SimFault.Mode.HANG, 0));
        SimulatedLlmServer sim = SimulatedLlmServer.start(SimConfig.defaults())) {
      Process first =
          E2e.startMain(
              tmp.resolve("first"),
              Map.of(),
              "respond",
              "--input=" + tasks,
              "--output=" + tmp.resolve("out-first"),
              "--cacheDir=" + cache,
              "--llmBaseUrl=" + hung.baseUrl());
      try {
        String holder = "pid@host " + first.pid() + "@";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!(Files.exists(lockFile) && Files.readString(lockFile).contains(holder))) {
          assertThat(
              "the first run is alive: " + E2e.read(tmp.resolve("first").resolve("stderr.txt")),
              first.isAlive(),
              is(true));
          assertThat("the first run took the lock in time", System.nanoTime() < deadline, is(true));
          Thread.sleep(200);
        }

        E2e.Result second =
            E2e.runInProcess(
                "respond",
                "--input=" + tasks,
                "--output=" + tmp.resolve("out-second"),
                "--cacheDir=" + cache,
                "--llmBaseUrl=" + sim.baseUrl());
        assertThat(second.err(), second.exitCode(), is(2));
        assertThat(
            second.err(),
            containsString("--cacheDir " + cache + " is in use by another run (" + holder));
        assertThat(second.err(), containsString("would pay twice"));
        // Its only request is the free GET /models by which a run recognises the simulator.
        assertThat("the refused run paid for nothing", sim.stats().chatRequests(), is(0L));

        first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
        assertThat(first.waitFor(60, TimeUnit.SECONDS), is(true));
        assertThat(
            "the dead run's lock file stays behind",
            Files.readString(lockFile),
            containsString(holder));
      } finally {
        first.destroyForcibly();
      }

      E2e.Result third =
          E2e.runInProcess(
              "respond",
              "--input=" + tasks,
              "--output=" + tmp.resolve("out-third"),
              "--cacheDir=" + cache,
              "--llmBaseUrl=" + sim.baseUrl());
      assertThat(third.out() + third.err(), third.exitCode(), is(0));
      assertThat(sim.stats().completions(), is(3L));
      assertThat(sim.stats().duplicateCompletions(), is(0L));
    }
  }
}
