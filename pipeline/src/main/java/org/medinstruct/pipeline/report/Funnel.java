package org.medinstruct.pipeline.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The funnel of a run: [{label, value, kind}] with kind "flow" (tasks still in the run), "rejected"
 * (one step per stage/reason) or "failed" (failed requests). Counts come from summary.json;
 * rejection reasons, failed requests and the accepted count fall back to the record files when the
 * summary lacks them; anything else missing is null ("n/a").
 */
final class Funnel {
  private static final List<String> STAGE_ORDER =
      List.of("parse", "filter", "dedup", "decontaminate", "response_filter", "target");

  private Funnel() {}

  static JsonArray build(RunData data) {
    JsonObject s = data.summary();
    Map<String, Long> byReason = new TreeMap<>();
    JsonObject summaryReasons = Json.obj(s, "counts.rejected_by_reason");
    if (summaryReasons != null) {
      summaryReasons.entrySet().forEach(e -> byReason.put(e.getKey(), e.getValue().getAsLong()));
    } else {
      for (JsonObject r : data.rejected()) {
        byReason.merge(Json.str(r, "stage") + "/" + Json.str(r, "reason"), 1L, Long::sum);
      }
    }
    long failedResponses =
        data.failed().stream().filter(f -> "responses".equals(Json.str(f, "stage"))).count();
    Long failedRequests = Json.count(s, "counts.instruction_requests_failed");
    if (failedRequests == null && !data.missingFiles().contains(RunData.FAILED)) {
      failedRequests =
          data.failed().stream().filter(f -> "instructions".equals(Json.str(f, "stage"))).count();
    }
    Long accepted = Json.count(s, "counts.accepted");
    if (accepted == null && !data.missingFiles().contains(RunData.ACCEPTED)) {
      accepted = (long) data.accepted().size();
    }

    JsonArray f = new JsonArray();
    step(f, "Instruction requests", Json.count(s, "counts.instruction_requests"), "flow");
    step(f, "Failed instruction requests", failedRequests, "failed");
    step(f, "Tasks parsed", Json.count(s, "counts.generated"), "flow");
    reasons(f, byReason, List.of("parse", "filter"));
    step(f, "Passed filters", Json.count(s, "counts.passed_filters"), "flow");
    reasons(f, byReason, List.of("dedup", "decontaminate"));
    step(f, "Unique after dedup", Json.count(s, "counts.unique_after_dedup"), "flow");
    if (!data.missingFiles().contains(RunData.FAILED)) {
      step(f, "Failed responses", failedResponses, "failed");
    }
    step(f, "Answered", Json.count(s, "counts.answered"), "flow");
    reasons(f, byReason, List.of("response_filter", "target"));
    // Reasons of stages this report does not know still get a bar.
    List<String> other = new ArrayList<>();
    for (String k : byReason.keySet()) {
      if (!STAGE_ORDER.contains(k.split("/", 2)[0])) {
        other.add(k);
      }
    }
    for (String k : other) {
      step(f, "Rejected: " + k, byReason.get(k), "rejected");
    }
    step(f, "Accepted", accepted, "flow");
    return f;
  }

  /** One bar per reason of the given stages, in stage order, then by reason name. */
  private static void reasons(JsonArray f, Map<String, Long> byReason, List<String> stages) {
    for (String stage : stages) {
      for (var e : byReason.entrySet()) {
        if (stage.equals(e.getKey().split("/", 2)[0])) {
          step(f, "Rejected: " + e.getKey(), e.getValue(), "rejected");
        }
      }
    }
  }

  private static void step(JsonArray f, String label, Long value, String kind) {
    JsonObject o = new JsonObject();
    o.addProperty("label", label);
    o.addProperty("value", value);
    o.addProperty("kind", kind);
    f.add(o);
  }
}
