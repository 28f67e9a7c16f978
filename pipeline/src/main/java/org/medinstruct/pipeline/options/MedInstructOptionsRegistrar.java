package org.medinstruct.pipeline.options;

import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;
import org.medinstruct.pipeline.filter.FilterOptions;

/**
 * Registers the commands' option interfaces with Beam (found through {@code
 * META-INF/services/org.apache.beam.sdk.options.PipelineOptionsRegistrar}), so that Beam's {@code
 * PipelineOptionsFactory.getRegisteredOptions()} and {@code --help=GenerateOptions} know them.
 * {@code dedup}'s options are not registered: Beam requires every registered interface to be
 * composable with every other, and {@code DedupOptions} declares {@code dedupPolicy} and {@code
 * decontaminationThreshold} with other defaults and types than {@link QualityOptions}.
 */
public final class MedInstructOptionsRegistrar implements PipelineOptionsRegistrar {
  @Override
  public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
    return List.of(GenerateOptions.class, RespondOptions.class, FilterOptions.class);
  }
}
