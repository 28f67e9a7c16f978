package org.medinstruct.runners.flink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Shared set-up of the Flink integration tests: paths from failsafe's system properties. */
final class FlinkIt {
  private FlinkIt() {}

  static Path script() {
    return existing("medinstruct.flinkCluster");
  }

  /** The slim job jar built by {@code mvn package}: what the TaskManagers load our code from. */
  static Path jobJar() {
    return existing("medinstruct.jobJar");
  }

  static Path workDir(String name) {
    String base = System.getProperty("medinstruct.itWorkDir", "target/it-flink");
    return Path.of(base, name).toAbsolutePath();
  }

  static LocalFlinkCluster startCluster(String name, int taskManagers, int slots)
      throws IOException {
    return LocalFlinkCluster.start(
        script(),
        workDir(name),
        taskManagers,
        slots,
        LocalFlinkCluster.freePort(),
        LocalFlinkCluster.freePort());
  }

  /** Stand-in pipeline options from command-line style arguments, as the launcher gets them. */
  static SmokePipeline.Options options(List<String> args) {
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
        .withValidation()
        .as(SmokePipeline.Options.class);
  }

  /** Arguments submitting to a session cluster with the slim jar. */
  static List<String> sessionArgs(LocalFlinkCluster cluster, int parallelism) {
    return new ArrayList<>(
        List.of(
            "--runner=FlinkRunner",
            "--flinkMaster=" + cluster.flinkMaster(),
            "--parallelism=" + parallelism,
            "--filesToStage=" + jobJar()));
  }

  /** Exit status and console output of one in-process launcher run. */
  record Run(int exitCode, String output) {}

  /**
   * Runs the launcher in this JVM, {@code org.medinstruct.runners.Main.run(args, out, err)}, with
   * the hooks {@code Main.main} installs ({@link FlinkLaunchHooks}).
   */
  static Run medinstruct(List<String> args) {
    FlinkLaunchHooks.install();
    java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
    java.io.PrintStream console =
        new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8);
    try {
      java.lang.reflect.Method run =
          Class.forName("org.medinstruct.runners.Main")
              .getDeclaredMethod(
                  "run", String[].class, java.io.PrintStream.class, java.io.PrintStream.class);
      run.setAccessible(true);
      int code = (Integer) run.invoke(null, args.toArray(String[]::new), console, console);
      return new Run(code, buffer.toString(java.nio.charset.StandardCharsets.UTF_8));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot call Main.run", e);
    }
  }

  static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file);
  }

  /** Closes the cluster and asserts none of its JVMs is alive any more. */
  static void stopAndAssertNoProcessLeft(LocalFlinkCluster cluster) throws IOException {
    if (cluster == null) {
      return;
    }
    try {
      cluster.close();
    } finally {
      assertTrue(cluster.livePids().isEmpty(), "Flink JVMs still alive: " + cluster.livePids());
    }
  }

  private static Path existing(String property) {
    String value = System.getProperty(property);
    if (value == null || !Files.exists(Path.of(value))) {
      throw new IllegalStateException(
          "system property "
              + property
              + " = "
              + value
              + " does not name an existing file; run the ITs with `mvn verify` (after package)");
    }
    return Path.of(value);
  }
}
