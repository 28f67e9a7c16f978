package org.medinstruct.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * What every stage returns, the {@link Outcome}s of its elements split three ways: {@link
 * #values()} go on to the next stage, {@link #rejected()} holds the quality rejections (data, with
 * their reasons) and {@link #failed()} the dead letters. Every element a stage receives ends in
 * exactly one of them. Stages may add named extra outputs (the token usage of an LLM stage: {@link
 * #extra}), which are not outcomes of elements.
 *
 * <p>A stage's DoFn declares its value tag plus {@link #sideTags()} and routes each outcome with
 * {@link #emit}; {@link #of(TupleTag, PCollectionTuple)} reads the result. {@link #after} chains
 * the rejections and failures of an earlier step into a later one, so a caller gathers each stage's
 * dead letters once, whatever steps the stage has inside.
 */
public final class StageOutput<T> extends TaggedValues implements POutput {
  public static final TupleTag<Rejection> REJECTED = new TupleTag<>("rejected") {};
  public static final TupleTag<Failure> FAILED = new TupleTag<>("failed") {};

  private final TupleTag<T> valuesTag;
  private final PCollection<T> values;
  private final PCollection<Rejection> rejected;
  private final PCollection<Failure> failed;
  private final Map<TupleTag<?>, PCollection<?>> extras;

  private StageOutput(
      TupleTag<T> valuesTag,
      PCollection<T> values,
      PCollection<Rejection> rejected,
      PCollection<Failure> failed,
      Map<TupleTag<?>, PCollection<?>> extras) {
    super(values.getPipeline());
    this.valuesTag = valuesTag;
    this.values = values;
    this.rejected = rejected;
    this.failed = failed;
    this.extras = extras;
  }

  /**
   * Reads the outputs of a multi-output ParDo that declared {@code valuesTag} plus {@link
   * #sideTags()}; sets the values' coder and the compact coders of the dead letters.
   */
  public static <T> StageOutput<T> of(
      TupleTag<T> valuesTag, PCollectionTuple tuple, Coder<T> valueCoder) {
    return of(
        valuesTag,
        tuple.get(valuesTag).setCoder(valueCoder),
        tuple.get(REJECTED).setCoder(RejectionCoder.of()),
        tuple.get(FAILED).setCoder(FailureCoder.of()));
  }

  public static <T> StageOutput<T> of(
      TupleTag<T> valuesTag,
      PCollection<T> values,
      PCollection<Rejection> rejected,
      PCollection<Failure> failed) {
    return new StageOutput<>(valuesTag, values, rejected, failed, new LinkedHashMap<>());
  }

  /** The tags a stage's ParDo declares besides its values. */
  public static TupleTagList sideTags() {
    return TupleTagList.of(REJECTED).and(FAILED);
  }

  /** Sends {@code outcome} to the output of its kind. */
  public static <T> void emit(
      Outcome<T> outcome, TupleTag<T> valuesTag, DoFn.MultiOutputReceiver out) {
    switch (outcome.kind()) {
      case VALUE -> out.get(valuesTag).output(outcome.value());
      case REJECTED -> out.get(REJECTED).output(outcome.rejection());
      case FAILED -> out.get(FAILED).output(outcome.failure());
    }
  }

  /** The same outputs plus an extra one under {@code tag}. */
  public <U> StageOutput<T> withExtra(TupleTag<U> tag, PCollection<U> extra) {
    Map<TupleTag<?>, PCollection<?>> more = new LinkedHashMap<>(extras);
    more.put(tag, extra);
    return new StageOutput<>(valuesTag, values, rejected, failed, more);
  }

  /**
   * These outputs plus the rejections, failures and extras of {@code earlier}, a step whose values
   * this stage consumed; {@code name} prefixes the flattens.
   */
  public StageOutput<T> after(String name, StageOutput<?> earlier) {
    Map<TupleTag<?>, PCollection<?>> merged = new LinkedHashMap<>(earlier.extras);
    for (Map.Entry<TupleTag<?>, PCollection<?>> e : extras.entrySet()) {
      merged.merge(e.getKey(), e.getValue(), (a, b) -> flattenRaw(name + e.getKey().getId(), a, b));
    }
    return new StageOutput<>(
        valuesTag,
        values,
        flatten(name + "Rejections", earlier.rejected, rejected),
        flatten(name + "Failures", earlier.failed, failed),
        merged);
  }

  private static <X> PCollection<X> flatten(String name, PCollection<X> a, PCollection<X> b) {
    return PCollectionList.of(a).and(b).apply(name, Flatten.pCollections());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static PCollection<?> flattenRaw(String name, PCollection<?> a, PCollection<?> b) {
    return flatten(name, (PCollection) a, (PCollection) b);
  }

  public PCollection<T> values() {
    return values;
  }

  public PCollection<Rejection> rejected() {
    return rejected;
  }

  public PCollection<Failure> failed() {
    return failed;
  }

  /** The extra output under {@code tag}. */
  @SuppressWarnings("unchecked")
  public <U> PCollection<U> extra(TupleTag<U> tag) {
    PCollection<?> pc = extras.get(tag);
    if (pc == null) {
      throw new IllegalArgumentException("this stage has no output " + tag.getId());
    }
    return (PCollection<U>) pc;
  }

  @Override
  protected void putValues(Map<TupleTag<?>, PValue> m) {
    m.put(valuesTag, values);
    m.put(REJECTED, rejected);
    m.put(FAILED, failed);
    extras.forEach(m::put);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
