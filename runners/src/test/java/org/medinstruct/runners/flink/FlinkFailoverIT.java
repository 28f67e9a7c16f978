package org.medinstruct.runners.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A TaskManager dies (SIGKILL) in the middle of a job; Flink's restart strategy runs the job to
 * completion, in Beam's default pipelined batch mode (one failover region: the whole job
 * restarts) and with blocking exchanges (BATCH_FORCED: several regions, only the failed ones
 * restart).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlinkFailoverIT {
  private static final int RECORDS = 400;
  private static final int KEYS = 8;

  private LocalFlinkCluster cluster;
  @TempDir Path tmp;

  @BeforeAll
  void startCluster() throws Exception {
    // 2 x 2 slots at parallelism 2: the survivor alone can run the restarted job.
    cluster = FlinkIt.startCluster("FlinkFailoverIT", 2, 2);
  }

  @AfterAll
  void stopCluster() throws Exception {
    FlinkIt.stopAndAssertNoProcessLeft(cluster);
  }

  @ParameterizedTest(name = "executionModeForBatch={0}")
  @ValueSource(strings = {"PIPELINED", "BATCH_FORCED"})
  void givenTaskManagerKilledMidJob_jobRecoversAndOutputIsCompleteWithoutDuplicates(String mode)
      throws Exception {
    Path out = tmp.resolve(mode + "/out.txt");
    List<String> args = FlinkIt.sessionArgs(cluster, 2);
    args.addAll(List.of("--executionModeForBatch=" + mode,
        "--records=" + RECORDS, "--keys=" + KEYS, "--sleepMillis=25", "--output=" + out));
    Set<String> earlierJobs = cluster.jobIds();
    CompletableFuture<PipelineResult.State> run =
        CompletableFuture.supplyAsync(() -> SmokePipeline.run(FlinkIt.options(args)));

    LocalFlinkCluster.Job job = cluster.waitForNewJob(earlierJobs, "RUNNING", Duration.ofSeconds(90));
    String victim = waitForSlowStepOn(job.id());
    cluster.killTaskManager(Integer.parseInt(victim.substring("tm-".length())));
    cluster.startTaskManager(); // a replacement, as an operator (or Kubernetes) would

    assertEquals(PipelineResult.State.DONE, run.get(3, TimeUnit.MINUTES));
    assertEquals("FINISHED", cluster.job(job.id()).state());
    assertTrue(cluster.failuresOf(job.id()) >= 1, "the kill caused no restart");
    List<String> lines = FlinkIt.lines(out);
    assertEquals(RECORDS, lines.size(), "records written (duplicates or losses)");
    assertEquals(expectedLines(), new HashSet<>(lines));
  }

  /** Waits until the slow step runs on some TaskManager; returns that TaskManager's id. */
  private String waitForSlowStepOn(String jobId) throws Exception {
    Instant deadline = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(deadline)) {
      Set<String> running = cluster.taskManagersRunning(jobId, "SlowFormat");
      if (!running.isEmpty()) {
        return running.iterator().next();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("SlowFormat never ran");
  }

  /** What SmokePipeline's Javadoc promises: one line per input integer. */
  private static Set<String> expectedLines() {
    Set<String> expected = new HashSet<>();
    for (long i = 0; i < RECORDS; i++) {
      expected.add("key=" + (i % KEYS) + " value=" + i + " square=" + i * i);
    }
    return expected;
  }
}
