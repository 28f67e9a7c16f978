package org.medinstruct.runners.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkJobJarTest {
  private static final Function<String, Optional<String>> NOT_ON_CLUSTER = base -> Optional.empty();

  @TempDir Path target;

  private static PipelineOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).create();
  }

  @Test
  void givenRemoteFlinkMaster_stagesTheJobJar() throws Exception {
    Path jar = Files.createFile(target.resolve("medinstruct-runners-0.1.0-SNAPSHOT-job.jar"));
    PipelineOptions options = options("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081");

    FlinkJobJar.stageIfRemote(options, FlinkJobJar.findIn(target), NOT_ON_CLUSTER);

    assertEquals(List.of(jar.toString()), options.as(FlinkPipelineOptions.class).getFilesToStage());
    assertFalse(
        options.as(FlinkPipelineOptions.class).getAttachedMode(),
        "submitted detached: the launcher polls the job itself");
  }

  @Test
  void givenEmbeddedMasterOrOtherRunner_leavesFilesToStageUnset() {
    Optional<Path> jar = Optional.of(target.resolve("x-job.jar"));
    for (PipelineOptions options :
        List.of(
            options("--runner=FlinkRunner", "--flinkMaster=[local]"),
            options("--runner=FlinkRunner"),
            options("--runner=DirectRunner"))) {
      FlinkJobJar.stageIfRemote(options, jar, NOT_ON_CLUSTER);
      assertNull(options.as(FlinkPipelineOptions.class).getFilesToStage(), options.toString());
      assertTrue(options.as(FlinkPipelineOptions.class).getAttachedMode(), options.toString());
    }
  }

  @Test
  void givenExplicitFilesToStage_keepsThem() {
    PipelineOptions options =
        options(
            "--runner=FlinkRunner",
            "--flinkMaster=127.0.0.1:8081",
            "--filesToStage=/data/mine.jar");

    FlinkJobJar.stageIfRemote(options, Optional.of(target.resolve("x-job.jar")), NOT_ON_CLUSTER);

    assertEquals(
        List.of("/data/mine.jar"), options.as(FlinkPipelineOptions.class).getFilesToStage());
  }

  @Test
  void givenRemoteMasterAndNoJobJar_failsNamingMvnPackage() {
    PipelineOptions options = options("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FlinkJobJar.stageIfRemote(options, FlinkJobJar.findIn(target), NOT_ON_CLUSTER));

    assertTrue(e.getMessage().contains("mvn package"), e.getMessage());
    assertTrue(e.getMessage().contains("127.0.0.1:8081"), e.getMessage());
  }

  @Test
  void givenTwoJobJars_refusesToGuess() throws Exception {
    Files.createFile(target.resolve("medinstruct-runners-0.1.0-job.jar"));
    Files.createFile(target.resolve("medinstruct-runners-0.2.0-job.jar"));

    assertThrows(IllegalArgumentException.class, () -> FlinkJobJar.findIn(target));
  }

  @Test
  void givenClusterAdvertisingThisJobJar_stagesOnlyAMarkerJar() throws Exception {
    Path jar = Files.writeString(target.resolve("medinstruct-runners-0.1.0-job.jar"), "classes");
    String sha = ClusterJobJar.sha256(jar);
    List<String> asked = new java.util.ArrayList<>();
    PipelineOptions options = options("--runner=FlinkRunner", "--flinkMaster=10.0.0.5:18081");

    FlinkJobJar.stageIfRemote(
        options,
        Optional.of(jar),
        base -> {
          asked.add(base);
          return Optional.of(sha);
        });

    List<String> staged = options.as(FlinkPipelineOptions.class).getFilesToStage();
    assertEquals(List.of("http://10.0.0.5:18081"), asked);
    assertEquals(1, staged.size());
    assertTrue(staged.get(0).contains("medinstruct-on-cluster-classpath-"), staged.toString());
    try (var marker = new java.util.jar.JarFile(staged.get(0))) {
      assertEquals(
          sha, marker.getManifest().getMainAttributes().getValue("Medinstruct-Job-Jar-Sha256"));
      assertEquals(1, java.util.Collections.list(marker.entries()).size(), "only the manifest");
    }
  }

  @Test
  void givenClusterAdvertisingAnotherBuild_uploadsTheJobJar() throws Exception {
    Path jar = Files.writeString(target.resolve("medinstruct-runners-0.1.0-job.jar"), "classes");
    PipelineOptions options = options("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081");

    FlinkJobJar.stageIfRemote(options, Optional.of(jar), base -> Optional.of("0".repeat(64)));

    assertEquals(List.of(jar.toString()), options.as(FlinkPipelineOptions.class).getFilesToStage());
  }

  @Test
  void restBase_addsSchemeAndFlinksDefaultPort() {
    assertEquals("http://jm:8081", FlinkJobJar.restBase("jm"));
    assertEquals("http://jm:9000", FlinkJobJar.restBase("jm:9000"));
    assertEquals("https://jm:443", FlinkJobJar.restBase("https://jm:443"));
  }

  @Test
  void fromConfig_readsTheAdvertisedHashOrNothing() {
    String config =
        "[{\"key\":\"rest.port\",\"value\":\"8081\"},"
            + "{\"key\":\"medinstruct.job-jar.sha256\",\"value\":\" ABC123 \"}]";
    assertEquals(Optional.of("abc123"), ClusterJobJar.fromConfig(config));
    assertEquals(
        Optional.empty(), ClusterJobJar.fromConfig("[{\"key\":\"rest.port\",\"value\":\"1\"}]"));
  }
}
