package org.medinstruct.pipeline;

import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.medinstruct.dedup.ScoredTask;
import org.medinstruct.stages.Example;
import org.medinstruct.stages.ExampleCoder;

/**
 * The tasks the dedup kept, as examples waiting for their answers: each with its nearest other
 * instruction and nearest seed (and their ROUGE-L F) and the model that wrote it.
 */
final class ToExamples extends PTransform<PCollection<ScoredTask>, PCollection<Example>> {
  private final String instructionModel;

  ToExamples(String instructionModel) {
    this.instructionModel = instructionModel;
  }

  @Override
  public PCollection<Example> expand(PCollection<ScoredTask> kept) {
    String model = instructionModel;
    return kept.apply(
            "PendingExamples",
            MapElements.into(TypeDescriptor.of(Example.class))
                .via(
                    (ScoredTask s) ->
                        Example.pending(
                            s.task(),
                            s.nearest(),
                            s.rougeL(),
                            s.nearestSeed(),
                            s.nearestSeedRougeL(),
                            model)))
        .setCoder(ExampleCoder.of());
  }
}
