package org.medinstruct.stages;

import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.StageOutput;

@ExtendWith(TestPipelineExtension.class)
class FilterResponsesTest {
  private static Example answered(MedTask t, String output, String finish) {
    return Example.pending(t, null, Double.NaN, null, Double.NaN, "gpt-4")
        .answered("gpt-3.5-turbo", output, finish, 10, 20);
  }

  @Test
  void givenAnswersAndAMalformedOne_acceptsGoodOnesAndRejectsTheRestWithTheirReasons(
      TestPipeline p) {
    MedTask open = Fixtures.good("open");
    MedTask mcq =
        Fixtures.task(
            "mcq",
            "Multiple-choice Q&A",
            "3",
            "Choose the most appropriate first-line drug for this patient.",
            Fixtures.CONTEXT
                + " Which drug first? A) Aspirin B) Warfarin C) Digoxin D) Furosemide");
    Example good =
        answered(
            open,
            "Give aspirin, obtain serial ECGs and troponins, and start anticoagulation.",
            "stop");
    Example goodMcq = answered(mcq, "Antiplatelet therapy comes first. The answer is (A).", "stop");
    List<Example> all =
        List.of(
            good,
            goodMcq,
            answered(open, "   ", "stop"),
            answered(open, "Give aspirin and", "length"),
            answered(open, "As an AI language model, I cannot give medical advice.", "stop"),
            answered(mcq, "Aspirin is the best option here.", "stop"),
            // Malformed: no answer and no finish reason.
            answered(open, null, null));
    StageOutput<Example> result =
        p.apply(Create.of(all).withCoder(ExampleCoder.of())).apply(new FilterResponses());
    PAssert.that(result.values()).containsInAnyOrder(good, goodMcq);
    PAssert.that(
            result
                .rejected()
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.stage() + "/" + r.reason())))
        .containsInAnyOrder(
            "response_filter/empty_output",
            "response_filter/truncated",
            "response_filter/refusal",
            "response_filter/missing_answer_letter",
            "response_filter/empty_output");
    PAssert.that(result.failed()).empty();
    p.run().waitUntilFinish();
  }
}
