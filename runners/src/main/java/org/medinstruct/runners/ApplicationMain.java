package org.medinstruct.runners;

/**
 * Entry point for Flink's application mode (the Flink Kubernetes Operator's {@code FlinkDeployment}
 * in {@code runners/k8s/}): runs a command as {@link Main} does, inside the JobManager, but never
 * calls {@code System.exit} (that would take the JobManager down with it); a non-zero exit status
 * fails the application with an exception naming the status instead.
 */
public final class ApplicationMain {
  private ApplicationMain() {}

  public static void main(String[] args) {
    org.medinstruct.pipeline.Launch.setOptionsHook(
        org.medinstruct.runners.flink.FlinkJobJar::stageIfRemote);
    int status = Main.run(args, System.out, System.err);
    if (status != 0) {
      throw new IllegalStateException(
          "medinstruct "
              + (args.length > 0 ? args[0] : "")
              + " finished with exit status "
              + status
              + " (see runners/ci/README.md for the codes)");
    }
  }
}
