package org.medinstruct.stages;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.medinstruct.model.Failure;
import org.medinstruct.model.FailureCoder;
import org.medinstruct.model.Rejection;
import org.medinstruct.model.RejectionCoder;

/**
 * What a stage returns: its main output, the quality rejections it made (data, not errors), the
 * requests or elements that failed (the dead-letter records) and the token usage of its LLM calls.
 * Every element a stage receives ends up in exactly one of output, rejected and failed.
 */
public final class StageResult<T> implements POutput {
  public static final TupleTag<Rejection> REJECTED = new TupleTag<>("rejected") {};
  public static final TupleTag<Failure> FAILED = new TupleTag<>("failed") {};
  public static final TupleTag<Usage> USAGE = new TupleTag<>("usage") {};

  private final Pipeline pipeline;
  private final TupleTag<T> outputTag;
  private final PCollection<T> output;
  private final PCollection<Rejection> rejected;
  private final PCollection<Failure> failed;
  private final PCollection<Usage> usage;

  private StageResult(
      Pipeline pipeline,
      TupleTag<T> outputTag,
      PCollection<T> output,
      PCollection<Rejection> rejected,
      PCollection<Failure> failed,
      PCollection<Usage> usage) {
    this.pipeline = pipeline;
    this.outputTag = outputTag;
    this.output = output;
    this.rejected = rejected;
    this.failed = failed;
    this.usage = usage;
  }

  /**
   * Reads a stage's outputs from a multi-output ParDo that declared {@code outputTag} plus {@link
   * #REJECTED}, {@link #FAILED} and {@link #USAGE}.
   */
  public static <T> StageResult<T> of(TupleTag<T> outputTag, PCollectionTuple tuple) {
    return of(
        outputTag,
        tuple.get(outputTag),
        tuple.get(REJECTED).setCoder(RejectionCoder.of()),
        tuple.get(FAILED).setCoder(FailureCoder.of()),
        tuple.get(USAGE).setCoder(UsageCoder.of()));
  }

  public static <T> StageResult<T> of(
      TupleTag<T> outputTag,
      PCollection<T> output,
      PCollection<Rejection> rejected,
      PCollection<Failure> failed,
      PCollection<Usage> usage) {
    return new StageResult<>(output.getPipeline(), outputTag, output, rejected, failed, usage);
  }

  /** The tags a stage's ParDo declares besides its main output. */
  public static TupleTagList sideTags() {
    return TupleTagList.of(REJECTED).and(FAILED).and(USAGE);
  }

  public PCollection<T> output() {
    return output;
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

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> m = new LinkedHashMap<>();
    m.put(outputTag, output);
    m.put(REJECTED, rejected);
    m.put(FAILED, failed);
    m.put(USAGE, usage);
    return m;
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
