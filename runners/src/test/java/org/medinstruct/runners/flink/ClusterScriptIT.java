package org.medinstruct.runners.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runners/flink-cluster} as a fresh clone meets it: nothing built in runners/target yet. */
class ClusterScriptIT {
  @TempDir Path tmp;

  @Test
  void start_withNoJobJarBuilt_startsTheClusterWithoutOne() throws Exception {
    // The script alone in a directory whose target/ has the Flink jars but no job jar.
    Path lib = resolvedFlinkLib();
    Path clone = tmp.resolve("runners");
    Files.createDirectories(clone.resolve("target"));
    Files.createSymbolicLink(clone.resolve("target").resolve(lib.getFileName()), lib);
    Path script = Files.copy(FlinkIt.script(), clone.resolve("flink-cluster"));
    assertTrue(script.toFile().setExecutable(true));

    try (LocalFlinkCluster cluster =
        LocalFlinkCluster.start(
            script,
            tmp.resolve("cluster"),
            1,
            1,
            LocalFlinkCluster.freePort(),
            LocalFlinkCluster.freePort())) {
      assertEquals(1, cluster.registeredTaskManagers());
      assertFalse(Files.exists(cluster.workDir().resolve("lib/medinstruct-job.jar")));
      String conf = Files.readString(cluster.workDir().resolve("conf/config.yaml"));
      assertFalse(conf.contains("medinstruct.job-jar.sha256"), conf);
    }
  }

  /** The Flink jars, resolved by the real script on first use (`flink-cluster lib`). */
  private static Path resolvedFlinkLib() throws Exception {
    Process process =
        new ProcessBuilder(FlinkIt.script().toString(), "lib").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "flink-cluster lib timed out");
    assertEquals(0, process.exitValue(), output);
    Path lib = Path.of(output.strip().lines().reduce((a, b) -> b).orElseThrow());
    assertTrue(Files.isRegularFile(lib.resolve(".complete")), output);
    return lib;
  }
}
