package org.medinstruct.pipeline;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medinstruct.llm.Prices;
import org.medinstruct.model.Records;

/**
 * Builds summary.json from the records a run wrote. The counts reconcile by construction of the
 * stages and are checked here: every generated task is accepted, rejected or failed, and every
 * generation request either produced a completion or failed.
 */
final class Summary {
  private Summary() {}

  static JsonObject build(
      SummaryContext ctx,
      long target,
      List<String> accepted,
      List<String> rejected,
      List<String> failed,
      List<String> usage,
      List<String> rounds) {
    JsonObject s = new JsonObject();
    s.addProperty("command", ctx.command());
    s.addProperty("target", target < 0 ? null : target);
    s.addProperty("accepted", accepted.size());
    s.addProperty("target_met", target < 0 || accepted.size() >= target);
    if ("generate".equals(ctx.command())) {
      s.addProperty("max_rounds", ctx.maxRounds());
      s.addProperty("seed", ctx.seed());
      s.addProperty("instruction_model", ctx.instructionModel());
      s.addProperty("tasks_requested_per_prompt", ctx.tasksPerRequest());
      s.add("requested_formats", Records.strings(ctx.requestedFormats()));
    }
    s.addProperty("response_model", ctx.responseModel());

    Map<String, Long> byReason = new TreeMap<>();
    Map<String, Long> byStage = new TreeMap<>();
    for (String line : rejected) {
      JsonObject r = JsonParser.parseString(line).getAsJsonObject();
      String stage = r.get("stage").getAsString();
      byReason.merge(stage + "/" + r.get("reason").getAsString(), 1L, Long::sum);
      byStage.merge(stage, 1L, Long::sum);
    }
    long failedInstructionRequests = 0;
    long failedResponses = 0;
    boolean budget = false;
    for (String line : failed) {
      JsonObject f = JsonParser.parseString(line).getAsJsonObject();
      if ("instructions".equals(f.get("stage").getAsString())) {
        failedInstructionRequests++;
      } else {
        failedResponses++;
      }
      budget |= isBudgetRefusal(f);
    }

    // Token usage and cost per stage and model; cached completions cost nothing in this run.
    Prices prices = Prices.load(ctx.pricesFile());
    JsonObject llm = new JsonObject();
    long instructionCompletions = 0;
    long generated = 0;
    double cost = 0;
    Map<String, long[]> totals = new TreeMap<>();
    for (String line : usage) {
      JsonObject u = JsonParser.parseString(line).getAsJsonObject();
      String stage = u.get("stage").getAsString();
      String model = u.get("model").getAsString();
      boolean cached = u.get("fromCache").getAsBoolean();
      long p = u.get("promptTokens").getAsLong();
      long c = u.get("completionTokens").getAsLong();
      long[] t = totals.computeIfAbsent(stage + "\n" + model, k -> new long[6]);
      t[0]++;
      t[1] += cached ? 1 : 0;
      t[2] += p;
      t[3] += c;
      t[4] += cached ? 0 : p;
      t[5] += cached ? 0 : c;
      if ("instructions".equals(stage)) {
        instructionCompletions++;
        generated += u.get("items").getAsLong();
      }
    }
    for (Map.Entry<String, long[]> e : totals.entrySet()) {
      String[] key = e.getKey().split("\n", 2);
      long[] t = e.getValue();
      double stageCost = prices.cost(key[1], t[4], t[5]);
      cost += stageCost;
      JsonObject m = new JsonObject();
      m.addProperty("requests", t[0]);
      m.addProperty("cached", t[1]);
      m.addProperty("prompt_tokens", t[2]);
      m.addProperty("completion_tokens", t[3]);
      m.addProperty("billed_prompt_tokens", t[4]);
      m.addProperty("billed_completion_tokens", t[5]);
      m.addProperty("cost_usd", round6(stageCost));
      if (!llm.has(key[0])) {
        llm.add(key[0], new JsonObject());
      }
      llm.getAsJsonObject(key[0]).add(key[1], m);
    }

    JsonArray roundArray = new JsonArray();
    long requests = 0;
    long previousAccepted = 0;
    String stopReason = null;
    for (String line : rounds) {
      JsonObject r = JsonParser.parseString(line).getAsJsonObject();
      long soFar = r.get("requests_so_far").getAsLong();
      long acceptedSoFar = r.get("accepted_so_far").getAsLong();
      JsonObject o = new JsonObject();
      o.addProperty("round", r.get("round").getAsInt());
      o.addProperty("requests", soFar - requests);
      o.addProperty("accepted", acceptedSoFar - previousAccepted);
      if (soFar - requests > 0 || r.get("round").getAsInt() == 1) {
        roundArray.add(o);
      }
      requests = soFar;
      previousAccepted = acceptedSoFar;
      if (!r.get("stop_reason").isJsonNull()) {
        stopReason = r.get("stop_reason").getAsString();
      }
    }
    if (!"generate".equals(ctx.command())) {
      generated = accepted.size() + rejected.size() + failedResponses;
    }
    s.add("rounds", roundArray);
    s.addProperty("stop_reason", stopReason);
    s.addProperty("stopped_at_budget", budget);

    long rejectedTasks = rejected.size();
    long parseRejected = byStage.getOrDefault("parse", 0L);
    long filterRejected = byStage.getOrDefault("filter", 0L);
    long dedupRejected = byStage.getOrDefault("dedup", 0L) + byStage.getOrDefault("decontaminate", 0L);
    JsonObject counts = new JsonObject();
    counts.addProperty("instruction_requests", requests);
    counts.addProperty("instruction_requests_failed", failedInstructionRequests);
    counts.addProperty("generated", generated);
    counts.addProperty("passed_filters", generated - parseRejected - filterRejected);
    counts.addProperty("unique_after_dedup", generated - parseRejected - filterRejected - dedupRejected);
    counts.addProperty("answered", generated - parseRejected - filterRejected - dedupRejected - failedResponses);
    counts.addProperty("accepted", accepted.size());
    counts.addProperty("rejected", rejectedTasks);
    counts.addProperty("failed", failedResponses);
    counts.addProperty("failed_records", failed.size());
    JsonObject reasons = new JsonObject();
    byReason.forEach(reasons::addProperty);
    counts.add("rejected_by_reason", reasons);
    boolean reconciles =
        generated == accepted.size() + rejectedTasks + failedResponses
            && (!"generate".equals(ctx.command())
                || requests == instructionCompletions + failedInstructionRequests);
    counts.addProperty("reconciles", reconciles);
    s.add("counts", counts);
    s.add("llm", llm);
    s.addProperty("cost_usd", round6(cost));
    s.addProperty("max_cost_usd", ctx.maxCostUsd() > 0 ? ctx.maxCostUsd() : null);
    return s;
  }

  /** A failure record (failed.jsonl) of a request the --maxCostUsd budget refused. */
  static boolean isBudgetRefusal(JsonObject failure) {
    return failure.has("error")
        && !failure.get("error").isJsonNull()
        && failure.get("error").getAsString().startsWith("budget exhausted");
  }

  private static double round6(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
