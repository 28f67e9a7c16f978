package org.medinstruct.pipeline;

import java.util.function.Consumer;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * What the launcher adds to every command's options before the pipeline is created. The runners
 * module sets it (for example, to stage the slim job jar when submitting to a Flink cluster); the
 * pipeline module knows nothing of Flink.
 */
public final class Launch {
  private static volatile Consumer<PipelineOptions> optionsHook = o -> {};

  private Launch() {}

  public static void setOptionsHook(Consumer<PipelineOptions> hook) {
    optionsHook = hook == null ? o -> {} : hook;
  }

  static void prepare(PipelineOptions options) {
    optionsHook.accept(options);
  }
}
