package org.medinstruct.pipeline;

import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * What the launcher adds to every command's options before the pipeline is created. The runners
 * module sets it (for example, to stage the slim job jar when submitting to a Flink cluster); the
 * pipeline module knows nothing of Flink.
 */
public final class Launch {
  private static volatile Consumer<PipelineOptions> optionsHook = o -> {};
  private static volatile Consumer<PipelineOptions> cancelHook = o -> {};
  private static volatile Function<PipelineOptions, RuntimeException> failureHook = o -> null;
  private static volatile Function<PipelineOptions, String> stallHook = o -> null;

  private Launch() {}

  public static void setOptionsHook(Consumer<PipelineOptions> hook) {
    optionsHook = hook == null ? o -> {} : hook;
  }

  /**
   * How to cancel a running job whose runner blocks in {@code run()} (the runners module sets it
   * for Flink session clusters); called once when a worker's stop marker appears.
   */
  public static void setCancelHook(Consumer<PipelineOptions> hook) {
    cancelHook = hook == null ? o -> {} : hook;
  }

  static void cancel(PipelineOptions options) {
    cancelHook.accept(options);
  }

  /**
   * How to get the error of a job that ended without finishing when its runner only reports a state
   * (the runners module sets it for jobs submitted detached to a Flink session cluster).
   */
  public static void setFailureHook(Function<PipelineOptions, RuntimeException> hook) {
    failureHook = hook == null ? o -> null : hook;
  }

  /** The job's own error, or null when the hook cannot tell. */
  static RuntimeException failure(PipelineOptions options) {
    return failureHook.apply(options);
  }

  /**
   * How to tell that a running job can never go on (the runners module sets it for Flink session
   * clusters: no task slots left, for example after every TaskManager exited); asked every few
   * seconds while the launcher waits for a job.
   */
  public static void setStallHook(Function<PipelineOptions, String> hook) {
    stallHook = hook == null ? o -> null : hook;
  }

  /** Why the job cannot go on, or null while it can (or the hook cannot tell). */
  static String stalled(PipelineOptions options) {
    return stallHook.apply(options);
  }

  /**
   * Applies the launcher's hook and, on the Direct Runner, turns off its immutability and
   * encodability checks (test aids that re-encode every element) unless the user asked for them.
   */
  public static void prepare(PipelineOptions options, String[] args) {
    if (!mentions(args, "enforceImmutability") && !mentions(args, "enforceEncodability")) {
      org.apache.beam.runners.direct.DirectOptions direct =
          options.as(org.apache.beam.runners.direct.DirectOptions.class);
      direct.setEnforceImmutability(false);
      direct.setEnforceEncodability(false);
    }
    optionsHook.accept(options);
  }

  private static boolean mentions(String[] args, String option) {
    for (String a : args) {
      if (a.startsWith("--" + option)) {
        return true;
      }
    }
    return false;
  }
}
