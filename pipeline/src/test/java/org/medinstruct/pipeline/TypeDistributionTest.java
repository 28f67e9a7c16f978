package org.medinstruct.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeDistributionTest {
  private static String task(String type, String input) {
    return "{\"type\": \"" + type + "\", \"instruction\": \"x\", \"input\": \"" + input + "\"}";
  }

  private static String rejected(String stage, String record) {
    return "{\"stage\": \""
        + stage
        + "\", \"reason\": \"r\", \"detail\": \"d\", \"record\": "
        + record
        + "}";
  }

  private static long n(JsonObject counts, String step) {
    return counts.get(step).getAsLong();
  }

  @Test
  void countsEachTypeAtEveryStepItReached_withNormalizedLabels() {
    List<String> accepted = List.of(task("Rewrite", "a note"), task("Rewrites", "<noinput>"));
    List<String> rejected =
        List.of(
            rejected("parse", "{\"request_index\": 1, \"text\": \"junk\"}"),
            rejected("filter", task("rewrite", "short")),
            rejected("filter", task("MCQ", "no choices")),
            rejected("dedup", task("Rewrite", "<noinput>")),
            rejected("response_filter", task("Multiple choice Q&A", "A) x B) y")),
            rejected("target", task("Rewrite", "")));
    List<String> failed =
        List.of(
            "{\"stage\": \"instructions\", \"error\": \"e\", \"record\": {\"request_index\": 2}}",
            "{\"stage\": \"responses\", \"error\": \"e\", \"record\": "
                + task("Rewrite", "text")
                + "}");

    JsonObject d = TypeDistribution.build(accepted, rejected, failed);
    JsonObject rewrite = d.getAsJsonObject("by_type").getAsJsonObject("Rewrite");
    assertEquals(6, n(rewrite, "generated"));
    assertEquals(5, n(rewrite, "passed_filters"));
    assertEquals(4, n(rewrite, "unique_after_dedup"));
    assertEquals(2, n(rewrite, "accepted"));
    JsonObject mcq = d.getAsJsonObject("by_type").getAsJsonObject("Multiple-choice Q&A");
    assertEquals(
        List.of(2L, 1L, 1L, 0L),
        List.of(
            n(mcq, "generated"),
            n(mcq, "passed_filters"),
            n(mcq, "unique_after_dedup"),
            n(mcq, "accepted")));
    assertEquals(
        1, n(d.getAsJsonObject("by_type").getAsJsonObject(TypeDistribution.UNPARSED), "generated"));
    JsonObject withInput = d.getAsJsonObject("with_input");
    // With an input: accepted "a note"; filter "short", "no choices"; response_filter; failed
    // "text".
    assertEquals(
        List.of(5L, 3L, 3L, 1L),
        List.of(
            n(withInput, "generated"),
            n(withInput, "passed_filters"),
            n(withInput, "unique_after_dedup"),
            n(withInput, "accepted")));
  }

  @Test
  void givenNoRecords_isEmpty() {
    JsonObject d = TypeDistribution.build(List.of(), List.of(), List.of());
    assertEquals(0, d.getAsJsonObject("by_type").size());
    assertEquals(0, n(d.getAsJsonObject("with_input"), "generated"));
  }
}
