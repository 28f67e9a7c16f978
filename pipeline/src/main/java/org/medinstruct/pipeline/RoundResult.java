package org.medinstruct.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.medinstruct.model.Failure;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.Rejection;
import org.medinstruct.stages.Example;
import org.medinstruct.stages.Usage;

/**
 * What one round of {@link MedInstruct#round} produces. Every generated task ends in exactly one of
 * {@link #records()} (accepted instruction-response pairs), {@link #rejected()} (quality and dedup
 * rejections, with their reason) and {@link #failed()} (requests that failed after retries: the
 * dead letters); {@link #usage()} holds the token usage of every completion, and {@link
 * #poolAdditions()} the tasks the next round's dedup must also compare against.
 */
public final class RoundResult implements POutput {
  private final PCollection<Example> records;
  private final PCollection<Rejection> rejected;
  private final PCollection<Failure> failed;
  private final PCollection<Usage> usage;
  private final PCollection<MedTask> poolAdditions;

  RoundResult(
      PCollection<Example> records,
      PCollection<Rejection> rejected,
      PCollection<Failure> failed,
      PCollection<Usage> usage,
      PCollection<MedTask> poolAdditions) {
    this.records = records;
    this.rejected = rejected;
    this.failed = failed;
    this.usage = usage;
    this.poolAdditions = poolAdditions;
  }

  /** Accepted pairs ({@link Example#toDatasetJson()} gives the MedInstruct-52k layout). */
  public PCollection<Example> records() {
    return records;
  }

  public PCollection<Rejection> rejected() {
    return rejected;
  }

  public PCollection<Failure> failed() {
    return failed;
  }

  public PCollection<Usage> usage() {
    return usage;
  }

  /** Tasks this round adds to the dedup pool: the next round's {@link RoundInput#pool()}. */
  public PCollection<MedTask> poolAdditions() {
    return poolAdditions;
  }

  @Override
  public Pipeline getPipeline() {
    return records.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> m = new LinkedHashMap<>();
    m.put(new TupleTag<Example>("records"), records);
    m.put(new TupleTag<Rejection>("rejected"), rejected);
    m.put(new TupleTag<Failure>("failed"), failed);
    m.put(new TupleTag<Usage>("usage"), usage);
    m.put(new TupleTag<MedTask>("poolAdditions"), poolAdditions);
    return m;
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
