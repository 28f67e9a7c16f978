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
import org.medinstruct.model.MedTaskCoder;
import org.medinstruct.model.StageOutput;
import org.medinstruct.tasks.TaskFilter;

@ExtendWith(TestPipelineExtension.class)
class FilterTasksTest {
  @Test
  void givenMixedAndMalformedTasks_passesGoodOnesAndRejectsEachBadOneWithItsReason(TestPipeline p) {
    MedTask good = Fixtures.good("good");
    List<MedTask> tasks =
        List.of(
            good,
            Fixtures.task("short", "Open Q&A", "2", "Define sepsis.", MedTask.NO_INPUT),
            Fixtures.task(
                "blacklisted",
                "Text generation",
                "2",
                "Draw a diagram of the cardiac conduction system.",
                MedTask.NO_INPUT),
            Fixtures.task(
                "difficulty",
                "Open Q&A",
                "7",
                "Explain why loop diuretics cause hypokalemia in older adults.",
                MedTask.NO_INPUT),
            Fixtures.task(
                "missing",
                null,
                "2",
                "Explain why loop diuretics cause hypokalemia in older adults.",
                MedTask.NO_INPUT),
            // Malformed: no instruction at all, and no difficulty.
            Fixtures.task("malformed", "Open Q&A", null, null, null));
    StageOutput<MedTask> result =
        p.apply(Create.of(tasks).withCoder(MedTaskCoder.of()))
            .apply(new FilterTasks(TaskFilter.FilterSettings.defaults()));

    PAssert.that(result.values()).containsInAnyOrder(good);
    PAssert.that(
            result
                .rejected()
                .apply(
                    "StageAndReason",
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.stage() + "/" + r.reason())))
        .containsInAnyOrder(
            "filter/instruction_too_short",
            "filter/non_text_task",
            "filter/bad_difficulty",
            "filter/missing_field",
            "filter/missing_field");
    // The rejected record keeps the original element: its id names the task.
    PAssert.that(
            result
                .rejected()
                .apply(
                    "RejectedIds",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            r ->
                                com.google.gson.JsonParser.parseString(r.element())
                                    .getAsJsonObject()
                                    .get("id")
                                    .getAsString())))
        .containsInAnyOrder("short", "blacklisted", "difficulty", "missing", "malformed");
    PAssert.that(result.failed()).empty();
    p.run().waitUntilFinish();
  }
}
