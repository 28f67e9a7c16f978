package org.medinstruct.runners.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkJobJarTest {
  @TempDir Path target;

  private static PipelineOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).create();
  }

  @Test
  void givenRemoteFlinkMaster_stagesTheJobJar() throws Exception {
    Path jar = Files.createFile(target.resolve("medinstruct-runners-0.1.0-SNAPSHOT-job.jar"));
    PipelineOptions options = options("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081");

    FlinkJobJar.stageIfRemote(options, FlinkJobJar.findIn(target));

    assertEquals(List.of(jar.toString()), options.as(FlinkPipelineOptions.class).getFilesToStage());
  }

  @Test
  void givenEmbeddedMasterOrOtherRunner_leavesFilesToStageUnset() {
    Optional<Path> jar = Optional.of(target.resolve("x-job.jar"));
    for (PipelineOptions options :
        List.of(
            options("--runner=FlinkRunner", "--flinkMaster=[local]"),
            options("--runner=FlinkRunner"),
            options("--runner=DirectRunner"))) {
      FlinkJobJar.stageIfRemote(options, jar);
      assertNull(options.as(FlinkPipelineOptions.class).getFilesToStage(), options.toString());
    }
  }

  @Test
  void givenExplicitFilesToStage_keepsThem() {
    PipelineOptions options =
        options(
            "--runner=FlinkRunner",
            "--flinkMaster=127.0.0.1:8081",
            "--filesToStage=/data/mine.jar");

    FlinkJobJar.stageIfRemote(options, Optional.of(target.resolve("x-job.jar")));

    assertEquals(
        List.of("/data/mine.jar"), options.as(FlinkPipelineOptions.class).getFilesToStage());
  }

  @Test
  void givenRemoteMasterAndNoJobJar_failsNamingMvnPackage() {
    PipelineOptions options = options("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FlinkJobJar.stageIfRemote(options, FlinkJobJar.findIn(target)));

    assertTrue(e.getMessage().contains("mvn package"), e.getMessage());
    assertTrue(e.getMessage().contains("127.0.0.1:8081"), e.getMessage());
  }

  @Test
  void givenTwoJobJars_refusesToGuess() throws Exception {
    Files.createFile(target.resolve("medinstruct-runners-0.1.0-job.jar"));
    Files.createFile(target.resolve("medinstruct-runners-0.2.0-job.jar"));

    assertThrows(IllegalArgumentException.class, () -> FlinkJobJar.findIn(target));
  }
}
