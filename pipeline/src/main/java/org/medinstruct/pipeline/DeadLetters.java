package org.medinstruct.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.medinstruct.model.Failure;
import org.medinstruct.model.Rejection;
import org.medinstruct.model.StageOutput;
import org.medinstruct.model.TaggedValues;

/**
 * The rejections and failures of a job's stages, the input of {@link GatherDeadLetters}. Immutable:
 * {@link #and} returns a new collection.
 */
final class DeadLetters extends TaggedValues implements PInput {
  private final List<PCollection<Rejection>> rejected;
  private final List<PCollection<Failure>> failed;

  private DeadLetters(
      Pipeline pipeline, List<PCollection<Rejection>> rejected, List<PCollection<Failure>> failed) {
    super(pipeline);
    this.rejected = List.copyOf(rejected);
    this.failed = List.copyOf(failed);
  }

  /** The rejections and failures of {@code stage} (and of the stages chained before it). */
  static DeadLetters of(StageOutput<?> stage) {
    return of(stage.rejected(), stage.failed());
  }

  static DeadLetters of(PCollection<Rejection> rejected, PCollection<Failure> failed) {
    return new DeadLetters(rejected.getPipeline(), List.of(rejected), List.of(failed));
  }

  /** These plus the rejections and failures of {@code stage}. */
  DeadLetters and(StageOutput<?> stage) {
    List<PCollection<Rejection>> r = new ArrayList<>(rejected);
    r.add(stage.rejected());
    List<PCollection<Failure>> f = new ArrayList<>(failed);
    f.add(stage.failed());
    return new DeadLetters(getPipeline(), r, f);
  }

  <O extends POutput> O apply(String name, PTransform<DeadLetters, O> transform) {
    return Pipeline.applyTransform(name, this, transform);
  }

  List<PCollection<Rejection>> rejected() {
    return rejected;
  }

  List<PCollection<Failure>> failed() {
    return failed;
  }

  @Override
  protected void putValues(Map<TupleTag<?>, PValue> m) {
    for (int i = 0; i < rejected.size(); i++) {
      m.put(new TupleTag<Rejection>("rejected" + i), rejected.get(i));
    }
    for (int i = 0; i < failed.size(); i++) {
      m.put(new TupleTag<Failure>("failed" + i), failed.get(i));
    }
  }
}
