package org.medinstruct.runners.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The stand-in pipeline on a real local session cluster (JobManager + 2 TaskManagers). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlinkClusterIT {
  private static final List<String> PIPELINE =
      List.of("--records=300", "--keys=7", "--sleepMillis=5");

  private LocalFlinkCluster cluster;
  @TempDir Path tmp;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = FlinkIt.startCluster("FlinkClusterIT", 2, 2);
  }

  @AfterAll
  void stopCluster() throws Exception {
    FlinkIt.stopAndAssertNoProcessLeft(cluster);
  }

  @Test
  void givenSessionCluster_stagesSlimJarAndFinishesWithDirectRunnerOutput() throws Exception {
    assertEquals(2, cluster.registeredTaskManagers());
    Path flinkOut = tmp.resolve("flink/out.txt");
    // No --filesToStage: FlinkJobJar stages the slim jar (named by -Dmedinstruct.jobJar).
    List<String> args = new ArrayList<>(List.of("--runner=FlinkRunner",
        "--flinkMaster=" + cluster.flinkMaster(), "--parallelism=2"));
    args.addAll(PIPELINE);
    args.add("--output=" + flinkOut);

    assertEquals(PipelineResult.State.DONE, SmokePipeline.run(FlinkIt.options(args)));

    List<LocalFlinkCluster.Job> jobs = cluster.jobs();
    assertEquals(1, jobs.size(), jobs::toString);
    assertEquals("FINISHED", jobs.get(0).state());
    assertEquals(sorted(directRunnerOutput()), sorted(FlinkIt.lines(flinkOut)));
  }

  @Test
  void givenLocalFlinkMaster_runsOnEmbeddedMiniClusterWithSameOutput() throws Exception {
    Path out = tmp.resolve("embedded/out.txt");
    List<String> args = new ArrayList<>(List.of(
        "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"));
    args.addAll(PIPELINE);
    args.add("--output=" + out);

    assertEquals(PipelineResult.State.DONE, SmokePipeline.run(FlinkIt.options(args)));

    assertEquals(sorted(directRunnerOutput()), sorted(FlinkIt.lines(out)));
  }

  @Test
  void givenRunningCluster_scriptReportsItAndRefusesItsPortToAnotherCluster() throws Exception {
    Script status = script("status", "--workDir=" + cluster.workDir());
    assertEquals(0, status.exitCode(), status.output());
    assertTrue(status.output().contains("TaskManagers registered: 2"), status.output());
    assertTrue(status.output().contains("tm-1") && status.output().contains("tm-2"), status.output());

    Script again = script("start", "--workDir=" + cluster.workDir());
    assertEquals(0, again.exitCode(), again.output());
    assertTrue(again.output().startsWith("already running: " + cluster.restUrl()), again.output());

    Path otherDir = tmp.resolve("other-cluster");
    String port = cluster.restUrl().substring(cluster.restUrl().lastIndexOf(':') + 1);
    Script clash = script("start", "--workDir=" + otherDir, "--restPort=" + port,
        "--rpcPort=" + LocalFlinkCluster.freePort());
    assertEquals(1, clash.exitCode(), clash.output());
    assertTrue(clash.output().contains("port " + port), clash.output());
    assertFalse(Files.exists(otherDir.resolve("pid/jobmanager.pid")));
  }

  private record Script(int exitCode, String output) {}

  private static Script script(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(FlinkIt.script().toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Script(process.waitFor(), output);
  }

  private List<String> directRunnerOutput() throws Exception {
    Path out = tmp.resolve("direct/out.txt");
    List<String> args = new ArrayList<>(List.of("--runner=DirectRunner"));
    args.addAll(PIPELINE);
    args.add("--output=" + out);
    assertEquals(PipelineResult.State.DONE, SmokePipeline.run(FlinkIt.options(args)));
    List<String> lines = FlinkIt.lines(out);
    assertEquals(300, lines.size());
    return lines;
  }

  private static List<String> sorted(List<String> lines) {
    List<String> copy = new ArrayList<>(lines);
    copy.sort(null);
    return copy;
  }
}
