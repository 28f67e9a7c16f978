package org.medinstruct.runners.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * {@code generate} on a real local Flink session cluster (JobManager + 2 TaskManagers x 2 slots),
 * run in-process through the launcher ({@code Main.run}) against the simulated LLM endpoint started
 * in this JVM — a test double for a paid API, reached by the TaskManagers on 127.0.0.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GenerateOnFlinkIT {
  /** Rounds at most; each round is its own job. */
  private static final String ROUNDS = "--maxRounds=3";

  private LocalFlinkCluster cluster;
  private SimulatedLlmServer simulator;
  @TempDir Path tmp;

  @BeforeAll
  void start() throws Exception {
    cluster = FlinkIt.startCluster("GenerateOnFlinkIT", 2, 2);
    simulator = SimulatedLlmServer.start(SimConfig.defaults());
  }

  @AfterAll
  void stop() throws Exception {
    if (simulator != null) {
      simulator.close();
    }
    FlinkIt.stopAndAssertNoProcessLeft(cluster);
  }

  @Test
  @Order(1)
  void givenSameSeedAndEndpoint_sessionClusterRunFinishesWithByteIdenticalDatasetToDirectRunner()
      throws Exception {
    List<String> common =
        List.of(
            "generate",
            "--targetInstructions=60",
            "--seed=7",
            ROUNDS,
            "--llmBaseUrl=" + simulator.baseUrl(),
            "--requestsPerMinute=6000");
    Path direct = tmp.resolve("direct");
    Path flink = tmp.resolve("flink");
    FlinkIt.Run directRun =
        FlinkIt.medinstruct(
            with(common, "--output=" + direct, "--cacheDir=" + tmp.resolve("cache-direct")));
    assertEquals(0, directRun.exitCode(), directRun.output());

    Set<String> earlierJobs = cluster.jobIds();
    // A fresh cache: the cluster run asks the endpoint itself rather than replaying the journal.
    FlinkIt.Run flinkRun =
        FlinkIt.medinstruct(
            with(
                common,
                "--runner=FlinkRunner",
                "--flinkMaster=" + cluster.flinkMaster(),
                "--parallelism=2",
                "--llmWorkers=2",
                "--output=" + flink,
                "--cacheDir=" + tmp.resolve("cache-flink")));
    assertEquals(0, flinkRun.exitCode(), flinkRun.output());

    Set<String> jobs = cluster.jobIds();
    jobs.removeAll(earlierJobs);
    assertEquals(
        summary(flink).getAsJsonArray("rounds").size(), jobs.size(), "one job per round: " + jobs);
    for (String job : jobs) {
      assertEquals("FINISHED", cluster.job(job).state());
      assertEquals(0, cluster.failuresOf(job), "restarts of " + job);
    }
    assertEquals(60, summary(flink).get("accepted").getAsInt());
    assertArrayEquals(
        Files.readAllBytes(direct.resolve("medinstruct.json")),
        Files.readAllBytes(flink.resolve("medinstruct.json")),
        "medinstruct.json differs between Direct Runner and Flink");
    assertEquals(
        Files.readAllLines(direct.resolve("medinstruct.jsonl")),
        Files.readAllLines(flink.resolve("medinstruct.jsonl")));
  }

  @Test
  @Order(2)
  void givenTaskManagerKilledMidResponses_jobRecoversWithCompleteOutputAndNoCompletionPaidTwice()
      throws Exception {
    int target = 80;
    try (SimulatedLlmServer slow =
            SimulatedLlmServer.start(SimConfig.defaults().withLatency(300, 100));
        GatedProxy gate = GatedProxy.start(slow.baseUrl())) {
      Path out = tmp.resolve("failover");
      List<String> args =
          List.of(
              "generate",
              "--targetInstructions=" + target,
              "--seed=11",
              ROUNDS,
              "--llmBaseUrl=" + gate.baseUrl(),
              "--requestsPerMinute=480",
              "--llmWorkers=2",
              "--runner=FlinkRunner",
              "--flinkMaster=" + cluster.flinkMaster(),
              "--parallelism=2",
              "--executionModeForBatch=" + FAILOVER_MODE,
              "--output=" + out,
              "--cacheDir=" + tmp.resolve("cache-failover"));
      Set<String> earlierJobs = cluster.jobIds();
      CompletableFuture<FlinkIt.Run> run =
          CompletableFuture.supplyAsync(() -> FlinkIt.medinstruct(args));

      LocalFlinkCluster.Job job =
          cluster.waitForNewJob(earlierJobs, "RUNNING", Duration.ofSeconds(120));
      // Mid-responses: the instructions are done and some answers are journaled.
      waitUntil(() -> slow.stats().completions() >= 40, "40 completions", run);
      String victim = anyTaskManagerRunning(job.id(), "GenerateResponses", run);
      long completionsAtKill;
      gate.drain();
      try {
        Thread.sleep(500); // let the last answers reach their workers' journals
        completionsAtKill = slow.stats().completions();
        cluster.killTaskManager(Integer.parseInt(victim.substring("tm-".length())));
      } finally {
        gate.open();
      }
      cluster.startTaskManager(); // a replacement, as an operator (or Kubernetes) would

      FlinkIt.Run result = run.get(4, TimeUnit.MINUTES);
      assertEquals(0, result.exitCode(), result.output());
      assertEquals("FINISHED", cluster.job(job.id()).state());
      assertTrue(cluster.failuresOf(job.id()) >= 1, "the kill caused no restart");

      JsonObject summary = summary(out);
      assertEquals(target, summary.get("accepted").getAsInt(), summary::toString);
      assertTrue(
          summary.getAsJsonObject("counts").get("reconciles").getAsBoolean(), summary::toString);
      List<String> records = FlinkIt.lines(out.resolve("medinstruct.jsonl"));
      assertEquals(target, records.size());
      Set<String> ids = new HashSet<>();
      Set<String> instructions = new HashSet<>();
      for (String line : records) {
        JsonObject r = JsonParser.parseString(line).getAsJsonObject();
        assertTrue(ids.add(r.get("id").getAsString()), "duplicate id " + r.get("id"));
        assertTrue(
            instructions.add(r.get("instruction").getAsString()),
            "duplicate instruction " + r.get("instruction"));
      }
      assertEquals(
          target,
          JsonParser.parseString(Files.readString(out.resolve("medinstruct.json")))
              .getAsJsonArray()
              .size());
      assertTrue(
          completionsAtKill < slow.stats().completions(), "the kill landed after the last request");
      // Requests re-sent by the restarted tasks were answered from the journal (--cacheDir),
      // including those the killed TaskManager had journaled.
      assertEquals(
          0, slow.stats().duplicateCompletions(), "completions paid twice: " + slow.stats());
    }
  }

  @Test
  @Order(3)
  void givenEveryTaskManagerGoneMidRun_theJobIsCancelledAndTheRunExits1NamingTheSlotsWithinAMinute()
      throws Exception {
    System.setProperty(FlinkJobStall.PROPERTY, "5");
    try (SimulatedLlmServer slow =
        SimulatedLlmServer.start(SimConfig.defaults().withLatency(300, 100))) {
      Path out = tmp.resolve("no-slots");
      Set<String> earlierJobs = cluster.jobIds();
      CompletableFuture<FlinkIt.Run> run =
          CompletableFuture.supplyAsync(
              () ->
                  FlinkIt.medinstruct(
                      List.of(
                          "generate",
                          "--targetInstructions=80",
                          ROUNDS,
                          "--llmBaseUrl=" + slow.baseUrl(),
                          "--requestsPerMinute=480",
                          "--runner=FlinkRunner",
                          "--flinkMaster=" + cluster.flinkMaster(),
                          "--parallelism=2",
                          "--output=" + out,
                          "--cacheDir=" + tmp.resolve("cache-no-slots"))));
      LocalFlinkCluster.Job job =
          cluster.waitForNewJob(earlierJobs, "RUNNING", Duration.ofSeconds(120));
      assertTrue(cluster.killAllTaskManagers() >= 2);
      long killed = System.nanoTime();

      FlinkIt.Run result = run.get(3, TimeUnit.MINUTES);
      long seconds = (System.nanoTime() - killed) / 1_000_000_000L;
      assertEquals(1, result.exitCode(), result.output());
      assertTrue(
          result.output().contains("cannot run")
              && result
                  .output()
                  .contains("0 task slot(s) on 0 TaskManager(s), and the job needs 2"),
          result.output());
      assertFalse(result.output().contains("bug in medinstruct"), result.output());
      assertTrue(seconds < 60, "failed " + seconds + " s after the kill");
      Instant deadline = Instant.now().plusSeconds(30);
      while (!cluster.job(job.id()).state().equals("CANCELED")
          && Instant.now().isBefore(deadline)) {
        Thread.sleep(200);
      }
      assertEquals("CANCELED", cluster.job(job.id()).state(), "the job must not wait on");
      assertFalse(Files.exists(out.resolve("medinstruct.jsonl")), "nothing half-written");
    } finally {
      System.clearProperty(FlinkJobStall.PROPERTY);
      cluster.startTaskManager(); // leave the cluster as the other tests found it
      cluster.startTaskManager();
    }
  }

  /**
   * Beam's batch execution mode for the failover test: the recommended default, PIPELINED (FLINK.md
   * compares it with BATCH_FORCED); {@code -Dmedinstruct.failoverMode=BATCH_FORCED} runs the same
   * drill in that mode.
   */
  private static final String FAILOVER_MODE =
      System.getProperty("medinstruct.failoverMode", "PIPELINED");

  @Test
  @Order(0)
  void givenRunningCluster_scriptReportsItAndRefusesItsPortToAnotherCluster() throws Exception {
    Script status = script("status", "--workDir=" + cluster.workDir());
    assertEquals(0, status.exitCode(), status.output());
    assertTrue(status.output().contains("TaskManagers registered: 2"), status.output());

    Script again = script("start", "--workDir=" + cluster.workDir());
    assertEquals(0, again.exitCode(), again.output());
    assertTrue(again.output().startsWith("already running: " + cluster.restUrl()), again.output());

    Path otherDir = tmp.resolve("other-cluster");
    String port = cluster.restUrl().substring(cluster.restUrl().lastIndexOf(':') + 1);
    Script clash =
        script(
            "start",
            "--workDir=" + otherDir,
            "--restPort=" + port,
            "--rpcPort=" + LocalFlinkCluster.freePort());
    assertEquals(1, clash.exitCode(), clash.output());
    assertTrue(clash.output().contains("port " + port), clash.output());
    assertFalse(Files.exists(otherDir.resolve("pid/jobmanager.pid")));
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void waitUntil(
      Condition condition, String what, CompletableFuture<FlinkIt.Run> run) throws Exception {
    Instant deadline = Instant.now().plusSeconds(120);
    while (!condition.holds()) {
      if (run.isDone()) {
        throw new AssertionError("the run ended before " + what + ": " + run.get().output());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no " + what + " within 120 s");
      }
      Thread.sleep(50);
    }
  }

  private String anyTaskManagerRunning(
      String jobId, String step, CompletableFuture<FlinkIt.Run> run) throws Exception {
    Set<String> found = new HashSet<>();
    waitUntil(
        () -> {
          found.addAll(cluster.taskManagersRunning(jobId, step));
          return !found.isEmpty();
        },
        step + " running",
        run);
    return found.iterator().next();
  }

  private static JsonObject summary(Path out) throws Exception {
    return JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject();
  }

  private static List<String> with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  private record Script(int exitCode, String output) {}

  private static Script script(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(FlinkIt.script().toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Script(process.waitFor(), output);
  }
}
