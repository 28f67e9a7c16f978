package org.medinstruct.stages;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * The elements of an in-memory list as a PCollection with the given coder. Unlike {@code
 * Create.of(list)}, which for more than one element reads them through a {@code BoundedSource} that
 * Beam moves with Java serialization, the list travels as one element encoded by {@code
 * ListCoder.of(coder)} and is split into its elements by one step. Meant for lists the launcher has
 * already loaded and validated (seeds, evaluation sets, a task file).
 */
public final class CreateElements<T> extends PTransform<PBegin, PCollection<T>> {
  private final List<T> elements;
  private final Coder<T> coder;

  private CreateElements(List<T> elements, Coder<T> coder) {
    this.elements = elements;
    this.coder = coder;
  }

  public static <T> CreateElements<T> of(List<T> elements, Coder<T> coder) {
    return new CreateElements<>(List.copyOf(elements), coder);
  }

  @Override
  public PCollection<T> expand(PBegin begin) {
    return begin
        .apply("AsOneList", Create.of(List.of(elements)).withCoder(ListCoder.of(coder)))
        .apply("Elements", ParDo.of(new EmitEachFn<T>()))
        .setCoder(coder);
  }

  /** Emits every element of a list, in list order. */
  static final class EmitEachFn<T> extends DoFn<List<T>, T> {
    @ProcessElement
    public void process(@Element List<T> list, OutputReceiver<T> out) {
      for (T t : list) {
        out.output(t);
      }
    }
  }
}
