package org.medinstruct.dedup;

import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medinstruct.model.MedTask;

@ExtendWith(TestPipelineExtension.class)
class SortInstructionsTest {

  private static MedTask task(String id, int request, int position, String instruction) {
    return new MedTask(
        id,
        "Open Q&A",
        "Topic",
        "Student",
        "1",
        instruction,
        MedTask.NO_INPUT,
        1,
        request,
        position,
        List.of());
  }

  /** The view's texts joined by '|'. */
  private static final class JoinFn extends DoFn<Integer, String> {
    private final PCollectionView<List<String>> texts;

    JoinFn(PCollectionView<List<String>> texts) {
      this.texts = texts;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.output(String.join("|", c.sideInput(texts)));
    }
  }

  @Test
  void givenTasksOutOfOrderWithNullInstruction_listsInstructionsBySortKeyThenIdWithEmptyForNull(
      TestPipeline p) {
    List<MedTask> tasks =
        List.of(
            task("z", 2, 0, null),
            task("b", 0, 1, "same slot, id b"),
            task("a", 0, 1, "İ \u212Aelvin"),
            task(null, 0, 1, "null id first"),
            task("c", 0, 0, "first"));
    PCollectionView<List<MedTask>> view =
        p.apply(Create.of(tasks).withCoder(SerializableCoder.of(MedTask.class)))
            .apply(View.asList());
    PCollectionView<List<String>> sorted = PBegin.in(p).apply("Sort", new SortInstructions(view));
    PCollection<String> joined =
        p.apply("One", Create.of(0).withCoder(VarIntCoder.of()))
            .apply(ParDo.of(new JoinFn(sorted)).withSideInputs(sorted));
    PAssert.thatSingleton(joined).isEqualTo("first|null id first|İ \u212Aelvin|same slot, id b|");
    p.run().waitUntilFinish();
  }
}
