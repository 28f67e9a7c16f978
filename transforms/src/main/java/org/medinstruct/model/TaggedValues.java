package org.medinstruct.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The shared part of a multi-collection {@code PInput} or {@code POutput}: the pipeline and the
 * tagged collections of {@code expand()}, in the order a subclass puts them.
 */
public abstract class TaggedValues {
  private final Pipeline pipeline;

  protected TaggedValues(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  public Pipeline getPipeline() {
    return pipeline;
  }

  public Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> m = new LinkedHashMap<>();
    putValues(m);
    return m;
  }

  /** Puts this value's collections into {@code m}, in a fixed order. */
  protected abstract void putValues(Map<TupleTag<?>, PValue> m);
}
