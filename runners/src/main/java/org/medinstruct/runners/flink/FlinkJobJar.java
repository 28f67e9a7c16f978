package org.medinstruct.runners.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages the slim job jar ({@code runners/target/medinstruct-runners-<v>-job.jar}, built by {@code
 * mvn package}) when a pipeline is submitted to a remote Flink cluster.
 *
 * <p>Input: pipeline options. Output: the same options with {@code filesToStage} set to the job
 * jar, only if the runner is the FlinkRunner, {@code flinkMaster} names a cluster (not {@code
 * [local]}, {@code [auto]} or {@code [collection]}) and no files were given explicitly; otherwise
 * untouched. Without this, Beam would upload every jar of the launcher's classpath, Flink's
 * included. When the cluster advertises the same job jar on its classpath ({@link ClusterJobJar}),
 * a marker jar of a few hundred bytes is staged instead of the 110 MB job jar. A remote submission
 * is also made detached ({@code attachedMode=false}): the launcher waits for the job itself.
 * Failure: {@link IllegalArgumentException} naming where it looked when the job jar is missing.
 */
public final class FlinkJobJar {
  /** System property naming the job jar explicitly (the ITs set it). */
  public static final String PROPERTY = "medinstruct.jobJar";

  private static final Logger LOG = LoggerFactory.getLogger(FlinkJobJar.class);
  private static final Set<String> EMBEDDED_MASTERS = Set.of("[local]", "[auto]", "[collection]");
  private static final String GLOB = "medinstruct-runners-*-job.jar";

  private FlinkJobJar() {}

  /**
   * The launcher's hook for the FlinkRunner: sets {@code filesToStage} to the job jar for a remote
   * submission (see class doc). {@code generate} submits one job per round, each the same size, so
   * any {@code --maxRounds} plans quickly.
   */
  public static void stageIfRemote(PipelineOptions options) {
    stageIfRemote(options, locate(), ClusterJobJar::advertised);
  }

  /**
   * As {@link #stageIfRemote(PipelineOptions)}, with the job jar already located, and {@code
   * advertised} giving the job jar's SHA-256 that the cluster at a REST address advertises (see
   * {@link ClusterJobJar}): when it equals the local jar's, a marker jar is staged instead.
   */
  static void stageIfRemote(
      PipelineOptions options,
      Optional<Path> jobJar,
      Function<String, Optional<String>> advertised) {
    if (!remote(options)) {
      return;
    }
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    // Submitted detached: the launcher polls the job's state every 100 ms (RunOutcome) instead of
    // Flink's attached client, which backs off to 2 s between checks (~1 s lost per round's job).
    flink.setAttachedMode(false);
    if (flink.getFilesToStage() != null) {
      return;
    }
    Path jar =
        jobJar.orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--flinkMaster="
                        + flink.getFlinkMaster()
                        + " needs the job jar ("
                        + GLOB
                        + " in "
                        + searchDir().map(Path::toString).orElse("runners/target")
                        + "; build it with `mvn package`, or pass --filesToStage=<jar> or -D"
                        + PROPERTY
                        + "=<jar>)"));
    String staged = toStage(jar, restBase(flink.getFlinkMaster()), advertised);
    flink.setFilesToStage(List.of(staged));
  }

  /** The job jar, or the marker jar when the cluster has the very same job jar on its classpath. */
  private static String toStage(
      Path jar, String restBase, Function<String, Optional<String>> advertised) {
    Optional<String> onCluster = advertised.apply(restBase);
    if (onCluster.isEmpty()) {
      LOG.info("uploading the job jar {} with each job (the cluster does not have it)", jar);
      return jar.toString();
    }
    String local = ClusterJobJar.sha256(jar);
    if (!local.equals(onCluster.get())) {
      LOG.info(
          "uploading the job jar {} with each job: the cluster's {} is another build ({} against"
              + " {})",
          jar,
          ClusterJobJar.CONFIG_KEY,
          onCluster.get(),
          local);
      return jar.toString();
    }
    LOG.info(
        "the cluster has this job jar on its classpath (sha256 {}): jobs stage no copy of it",
        local.substring(0, 16));
    return ClusterJobJar.markerJar(Path.of(System.getProperty("java.io.tmpdir")), local).toString();
  }

  /** Whether {@code options} submit to a remote Flink cluster (not an embedded mini-cluster). */
  static boolean remote(PipelineOptions options) {
    if (options.getRunner() == null || !"FlinkRunner".equals(options.getRunner().getSimpleName())) {
      return false;
    }
    String master = options.as(FlinkPipelineOptions.class).getFlinkMaster();
    return master != null && !EMBEDDED_MASTERS.contains(master);
  }

  /** The REST base URL of {@code --flinkMaster} ({@code host:port}, default port 8081). */
  static String restBase(String master) {
    String base = master.contains("://") ? master : "http://" + master;
    return base.substring(base.indexOf("://") + 3).contains(":") ? base : base + ":8081";
  }

  /**
   * The job jar: the {@value #PROPERTY} system property if set, else the one beside this class's
   * classes directory or jar (i.e. in {@code runners/target}).
   */
  public static Optional<Path> locate() {
    String explicit = System.getProperty(PROPERTY);
    if (explicit != null) {
      Path path = Path.of(explicit);
      return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }
    return searchDir().flatMap(FlinkJobJar::findIn);
  }

  /** The single job jar in {@code dir}, if there is exactly one. */
  static Optional<Path> findIn(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, GLOB)) {
      files.forEach(jars::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    if (jars.size() > 1) {
      throw new IllegalArgumentException(
          "several job jars in " + dir + ": " + jars + "; pass --filesToStage=<jar>");
    }
    return jars.stream().findFirst();
  }

  /** {@code runners/target}: parent of {@code target/classes}, or the directory of our jar. */
  private static Optional<Path> searchDir() {
    CodeSource source = FlinkJobJar.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Path.of(source.getLocation().toURI()).getParent());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
