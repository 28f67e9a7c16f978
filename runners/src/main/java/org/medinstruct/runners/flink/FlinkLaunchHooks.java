package org.medinstruct.runners.flink;

import org.medinstruct.pipeline.Launch;

/**
 * What the launcher does differently for a job on a remote Flink cluster; the pipeline knows none.
 */
public final class FlinkLaunchHooks {
  private FlinkLaunchHooks() {}

  /** Installs every hook ({@code Main.main} does; in-process tests do the same). */
  public static void install() {
    // Submitting to a session cluster stages the slim job jar unless --filesToStage is given.
    Launch.setOptionsHook(FlinkJobJar::stageIfRemote);
    // A systemic stop cancels the job there (its jobs are submitted detached).
    Launch.setCancelHook(FlinkJobCancel::cancelIfRemote);
    // A failed detached job's error is read back from the cluster.
    Launch.setFailureHook(FlinkJobFailure::of);
    // A job the cluster cannot give task slots (its TaskManagers exited) fails instead of waiting.
    Launch.setStallHook(FlinkJobStall::check);
  }
}
