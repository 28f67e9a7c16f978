package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionView;
import org.medinstruct.model.MedTask;

/**
 * The instructions of a task view in sortKey-then-id order, as one list (a singleton view); a null
 * instruction becomes "" (see {@link DedupBatch#instructions}).
 */
final class SortInstructions extends PTransform<PBegin, PCollectionView<List<String>>> {
  /** The deterministic order of tasks: sortKey, then id (nulls first). */
  static final Comparator<MedTask> ORDER =
      Comparator.comparing(MedTask::sortKey)
          .thenComparing(MedTask::id, Comparator.nullsFirst(Comparator.naturalOrder()));

  private final PCollectionView<List<MedTask>> tasks;

  SortInstructions(PCollectionView<List<MedTask>> tasks) {
    this.tasks = tasks;
  }

  /** The instructions of {@code tasks} in {@link #ORDER}. */
  static List<String> sortedTexts(List<MedTask> tasks) {
    List<MedTask> copy = new ArrayList<>(tasks);
    copy.sort(ORDER);
    return DedupBatch.instructions(copy);
  }

  @Override
  public PCollectionView<List<String>> expand(PBegin p) {
    return p.apply("Start", Create.of((Void) null).withCoder(VoidCoder.of()))
        .apply("Sort", ParDo.of(new SortFn(tasks)).withSideInputs(tasks))
        .setCoder(ListCoder.of(StringUtf8Coder.of()))
        .apply("View", View.asSingleton());
  }

  /** Emits the side input's instructions, sorted. */
  private static final class SortFn extends DoFn<Void, List<String>> {
    private final PCollectionView<List<MedTask>> tasks;

    SortFn(PCollectionView<List<MedTask>> tasks) {
      this.tasks = tasks;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.output(sortedTexts(c.sideInput(tasks)));
    }
  }
}
