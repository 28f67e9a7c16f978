package org.medinstruct.stages;

import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.MedTaskCoder;

/** CreateElements gives exactly the list's elements, with the coder asked for. */
@ExtendWith(TestPipelineExtension.class)
class CreateElementsTest {
  @Test
  void givenTasks_emitsEachOnceWithTheGivenCoder(TestPipeline p) {
    List<MedTask> tasks =
        List.of(
            MedTask.seed(
                "a", new MedTask.Labels("t", "x", "v", "1"), "Explain sepsis.", "<noinput>"),
            MedTask.seed(
                "b", new MedTask.Labels("t", "x", "v", "1"), "Explain sepsis.", "<noinput>"),
            MedTask.seed("c", new MedTask.Labels("", "", "", ""), "Fièvre \ud83e\ude7a", ""));
    PCollection<MedTask> out = p.apply("Tasks", CreateElements.of(tasks, MedTaskCoder.of()));
    PAssert.that(out).containsInAnyOrder(tasks);
    org.hamcrest.MatcherAssert.assertThat(
        out.getCoder(), org.hamcrest.Matchers.is(MedTaskCoder.of()));
    p.run().waitUntilFinish();
  }

  @Test
  void givenEmptyList_emitsNothing(TestPipeline p) {
    PAssert.that(p.apply("None", CreateElements.of(List.<String>of(), StringUtf8Coder.of())))
        .empty();
    p.run().waitUntilFinish();
  }

  @Test
  void givenDuplicatesAndEmptyStrings_keepsEveryOne(TestPipeline p) {
    List<String> texts = Arrays.asList("", "", "x", "x", "\u0130");
    PAssert.that(p.apply("Texts", CreateElements.of(texts, NullableCoder.of(StringUtf8Coder.of()))))
        .containsInAnyOrder(texts);
    p.run().waitUntilFinish();
  }
}
