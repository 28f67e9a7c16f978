package org.medinstruct.pipeline;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A job run to its end: one that ends in any state but DONE, or that can never go on (no task slots
 * on a Flink cluster), is an error, so that exit 0 always means the job did what was asked.
 */
public final class JobEnd {
  private JobEnd() {}

  /**
   * Runs {@code p} for a command without an LLM stage ({@code dedup}) and waits until it is DONE;
   * {@code progressDir} is where its workers write their progress.
   */
  public static PipelineResult run(Pipeline p, String progressDir) {
    String runner =
        p.getOptions().getRunner() == null ? "" : p.getOptions().getRunner().getSimpleName();
    PipelineResult result = RunOutcome.runWatchingForStop(p, progressDir, "", runner);
    requireDone(result, p.getOptions());
    return result;
  }

  /**
   * Waits for {@code result}; a job that did not finish DONE throws its own error when the runner's
   * hook can read it back (a detached Flink job), else one that names its state.
   */
  static void requireDone(PipelineResult result, PipelineOptions options) {
    PipelineResult.State state = result.waitUntilFinish();
    if (state == PipelineResult.State.DONE) {
      return;
    }
    RuntimeException failure = Launch.failure(options);
    if (failure != null) {
      throw failure;
    }
    throw new IllegalStateException(
        "pipeline ended in state "
            + state
            + " ("
            + result
            + "; on a Flink cluster its error is in REST /jobs/<id>/exceptions)");
  }
}
