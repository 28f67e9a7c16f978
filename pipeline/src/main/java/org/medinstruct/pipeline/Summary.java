package org.medinstruct.pipeline;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medinstruct.llm.Prices;
import org.medinstruct.model.FailureKind;
import org.medinstruct.model.Records;

/**
 * Builds summary.json from the records a run wrote. The counts reconcile by construction of the
 * stages and are checked here: every generated task is accepted, rejected or failed, and every
 * generation request either produced a completion or failed. The written contract of the file is
 * {@code summary.schema.json} next to this class: a field added here must be added there.
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
    // Which endpoint answered: "simulated" marks synthetic data a script must not take for real.
    s.addProperty("endpoint", ctx.endpoint());
    s.addProperty("simulated", ctx.simulated());
    if (ctx.method() != null) {
      s.addProperty("method", ctx.method());
    }
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
    long endpointFailures = 0;
    boolean budget = false;
    for (String line : failed) {
      JsonObject f = JsonParser.parseString(line).getAsJsonObject();
      if ("instructions".equals(f.get("stage").getAsString())) {
        failedInstructionRequests++;
      } else {
        failedResponses++;
      }
      budget |= kindOf(f) == FailureKind.BUDGET;
      if (endpointFault(f)) {
        endpointFailures++;
      }
    }

    // Token usage and cost per stage and model; cached completions cost nothing in this run.
    Prices prices = ctx.prices();
    JsonObject llm = new JsonObject();
    long instructionCompletions = 0;
    long generated = 0;
    double cost = 0;
    double onlineCost = 0;
    Map<String, long[]> totals = new TreeMap<>();
    // Per parser of generation completions: completions, tasks parsed.
    Map<String, long[]> parsers = new TreeMap<>();
    parsers.put(org.medinstruct.stages.Usage.TEXT, new long[2]);
    parsers.put(org.medinstruct.stages.Usage.STRUCTURED, new long[2]);
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
        if (u.has("parse") && !u.get("parse").isJsonNull()) {
          long[] p2 = parsers.computeIfAbsent(u.get("parse").getAsString(), k -> new long[2]);
          p2[0]++;
          p2[1] += u.get("tasksParsed").getAsLong();
        }
      }
    }
    for (Map.Entry<String, long[]> e : totals.entrySet()) {
      String[] key = e.getKey().split("\n", 2);
      long[] t = e.getValue();
      double stageCost = prices.cost(key[1], t[4], t[5]);
      cost += stageCost;
      onlineCost += prices.cost(key[1], t[4], t[5], false);
      JsonObject m = new JsonObject();
      m.addProperty("requests", t[0]);
      m.addProperty("cached", t[1]);
      m.addProperty("prompt_tokens", t[2]);
      m.addProperty("completion_tokens", t[3]);
      m.addProperty("billed_prompt_tokens", t[4]);
      m.addProperty("billed_completion_tokens", t[5]);
      addCost(m, ctx.simulated(), stageCost);
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
      o.addProperty(alpacare(ctx) ? "tasks_parsed" : "accepted", acceptedSoFar - previousAccepted);
      if (r.has("reused")) {
        o.addProperty("reused_from_cache", true);
      }
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
    long dedupRejected =
        byStage.getOrDefault("dedup", 0L) + byStage.getOrDefault("decontaminate", 0L);
    JsonObject counts = new JsonObject();
    counts.addProperty("instruction_requests", requests);
    counts.addProperty("instruction_requests_failed", failedInstructionRequests);
    counts.addProperty("generated", generated);
    counts.addProperty("passed_filters", generated - parseRejected - filterRejected);
    counts.addProperty(
        "unique_after_dedup", generated - parseRejected - filterRejected - dedupRejected);
    counts.addProperty(
        "answered", generated - parseRejected - filterRejected - dedupRejected - failedResponses);
    counts.addProperty("accepted", accepted.size());
    counts.addProperty("rejected", rejectedTasks);
    // "failed" is always the number of lines in failed.jsonl (instruction requests and responses).
    counts.addProperty("failed", failed.size());
    counts.addProperty("failed_responses", failedResponses);
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
    if ("generate".equals(ctx.command())) {
      s.add("parse", parseLosses(parsers, byReason, ctx.tasksPerRequest()));
    }
    s.add("task_types", TypeDistribution.build(accepted, rejected, failed));
    s.add("llm", llm);
    addCost(s, ctx.simulated(), cost);
    s.addProperty("llm_mode", prices.batchPrices() ? "batch" : "online");
    if (prices.batchPrices()) {
      // Batch API prices: what the same tokens would have cost online, and the saving.
      String ifReal = ctx.simulated() ? "_if_real" : "";
      s.addProperty("online_cost_usd" + ifReal, round6(onlineCost));
      s.addProperty("batch_saving_usd" + ifReal, round6(onlineCost - cost));
    }
    s.addProperty("max_cost_usd", ctx.maxCostUsd() > 0 ? ctx.maxCostUsd() : null);
    if (alpacare(ctx)) {
      long parsed = generated - parseRejected;
      JsonObject a = new JsonObject();
      a.addProperty("requested_size", ctx.requestedSize());
      a.addProperty("size_reached", accepted.size());
      a.addProperty("exact_size_promised", false);
      a.addProperty("tasks_parsed", parsed);
      a.addProperty("dropped_by_drop_all", dedupRejected);
      a.addProperty("drop_all_rate", parsed == 0 ? 0 : round6((double) dedupRejected / parsed));
      a.addProperty(
          "note",
          "AlpaCare's reference configuration: drop-all dedup ran once over all generated tasks, so"
              + " the size reached is reported, not promised; --overGenerate=1/(1-drop_all_rate)"
              + " aims a rerun at the requested size");
      s.add("alpacare", a);
    }
    s.addProperty("failed", failed.size());
    new RunStatus(
            target,
            accepted.size(),
            failedResponses,
            budget,
            stopReason,
            endpointFailures,
            usage.size() + failed.size())
        .writeTo(s);
    return s;
  }

  /** Reasons the structured-task reader gives; every other parse reason is the text parser's. */
  private static final java.util.Set<String> STRUCTURED_REASONS =
      java.util.Set.of("malformed_json", "malformed_entry", "truncated_json");

  /**
   * Parse losses per parser of generation completions ({@code text}, {@code structured}): the
   * completions each read, the tasks they were asked for and the tasks parsed, the difference, and
   * the parser's rejections by reason (each rejection is one chunk or entry, or a whole JSON
   * answer).
   */
  static JsonObject parseLosses(
      Map<String, long[]> parsers, Map<String, Long> byReason, long tasksPerRequest) {
    JsonObject o = new JsonObject();
    for (Map.Entry<String, long[]> e : parsers.entrySet()) {
      boolean structured = org.medinstruct.stages.Usage.STRUCTURED.equals(e.getKey());
      long completions = e.getValue()[0];
      long parsed = e.getValue()[1];
      JsonObject m = new JsonObject();
      m.addProperty("completions", completions);
      m.addProperty("tasks_requested", completions * tasksPerRequest);
      m.addProperty("tasks_parsed", parsed);
      m.addProperty("tasks_lost", completions * tasksPerRequest - parsed);
      JsonObject reasons = new JsonObject();
      for (Map.Entry<String, Long> r : byReason.entrySet()) {
        if (r.getKey().startsWith("parse/")) {
          String reason = r.getKey().substring("parse/".length());
          if (STRUCTURED_REASONS.contains(reason) == structured) {
            reasons.addProperty(reason, r.getValue());
          }
        }
      }
      m.add("rejected_by_reason", reasons);
      o.add(e.getKey(), m);
    }
    return o;
  }

  /**
   * Completes a summary {@link #build} made once the run has ended: its times, the LLM client's
   * HTTP counters and the seconds per stage.
   */
  static void complete(
      JsonObject s,
      long startedMillis,
      long finishedMillis,
      JsonObject http,
      JsonObject stageSeconds) {
    s.addProperty("started_at", Instant.ofEpochMilli(startedMillis).toString());
    s.addProperty("finished_at", Instant.ofEpochMilli(finishedMillis).toString());
    s.addProperty("wall_seconds", (finishedMillis - startedMillis) / 1000.0);
    s.add("http", http);
    s.add("stage_seconds", stageSeconds);
  }

  private static boolean alpacare(SummaryContext ctx) {
    return AlpacareMethod.NAME.equals(ctx.method());
  }

  /**
   * Cost of real calls as cost_usd; on the simulated endpoint nothing is spent, so cost_usd is 0
   * and the price-table figure goes to cost_usd_if_real.
   */
  private static void addCost(JsonObject o, boolean simulated, double usd) {
    o.addProperty("cost_usd", simulated ? 0.0 : round6(usd));
    if (simulated) {
      o.addProperty("cost_usd_if_real", round6(usd));
    }
  }

  /**
   * A failure of the endpoint (not of one request, the budget or a stop): see {@link FailureKind}.
   */
  private static boolean endpointFault(JsonObject f) {
    FailureKind k = kindOf(f);
    return k != null && (k.systemic() || k.unhealthy());
  }

  /** The kind of a failed.jsonl line; null when it has none. */
  static FailureKind kindOf(JsonObject failedLine) {
    JsonElement kind = failedLine.get("kind");
    return kind == null || kind.isJsonNull() ? null : FailureKind.fromLabel(kind.getAsString());
  }

  private static double round6(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
