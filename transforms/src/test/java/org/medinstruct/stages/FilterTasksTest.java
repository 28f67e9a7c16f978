package org.medinstruct.stages;

import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medinstruct.model.MedTask;
import org.medinstruct.tasks.TaskFilter;

@ExtendWith(TestPipelineExtension.class)
class FilterTasksTest {
  @Test
  void givenMixedTasks_passesGoodOnesAndRejectsEachBadOneWithItsReason(TestPipeline p) {
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
                MedTask.NO_INPUT));
    StageResult<MedTask> result =
        p.apply(Create.of(tasks).withCoder(SerializableCoder.of(MedTask.class)))
            .apply(new FilterTasks(TaskFilter.FilterSettings.defaults()));

    PAssert.that(result.output()).containsInAnyOrder(good);
    PAssert.that(
            result
                .rejected()
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.stage() + "/" + r.element().substring(0, 20))))
        .satisfies(
            rs -> {
              int n = 0;
              for (String ignored : rs) {
                n++;
              }
              if (n != 4) {
                throw new AssertionError("expected 4 rejections, got " + n);
              }
              return null;
            });
    PAssert.that(
            result
                .rejected()
                .apply("Reasons", MapElements.into(TypeDescriptors.strings()).via(r -> r.reason())))
        .satisfies(
            rs -> {
              java.util.Set<String> reasons = new java.util.HashSet<>();
              rs.forEach(reasons::add);
              if (reasons.size() != 4 || reasons.contains(null) || reasons.contains("")) {
                throw new AssertionError("four distinct reasons expected: " + reasons);
              }
              return null;
            });
    PAssert.that(result.failed()).empty();
    p.run().waitUntilFinish();
  }
}
