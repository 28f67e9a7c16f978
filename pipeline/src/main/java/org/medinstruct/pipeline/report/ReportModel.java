package org.medinstruct.pipeline.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the report shows, computed from a {@link RunData}, as one JSON object that the page
 * embeds and its script draws from (the HTML tables read the same object).
 *
 * <p>Input: the run's files. Output: sections {@code run, funnel, types, type_funnel, views,
 * topics, difficulty, formats, verbs, rouge_seed, rouge_other, lengths, llm, stage_seconds, http,
 * rounds}. A value the run did not record is JSON null (shown as "n/a"); counts the summary lacks
 * are taken from the record files where they can be.
 */
public final class ReportModel {
  static final int TOP_TOPICS = 20;
  static final int TOP_VIEWS = 20;
  static final int TOP_VERBS = 20;
  static final int NOUNS_PER_VERB = 4;
  static final double RARE_SHARE = 0.02;

  private ReportModel() {}

  public static JsonObject build(RunData data) {
    JsonObject s = data.summary();
    JsonObject m = new JsonObject();
    m.add("run", run(data));
    m.add("funnel", Funnel.build(data));
    addDistributions(m, data);
    JsonObject typeFunnel = Json.obj(s, "task_types");
    m.add("type_funnel", typeFunnel);
    m.add("verbs", verbs(data.accepted()));
    m.add("rouge_seed", rougeSeed(data.accepted()));
    m.add("rouge_other", rougeOther(data.accepted()));
    m.add("lengths", lengths(data.accepted()));
    m.add("llm", llm(s));
    m.add("stage_seconds", stageSeconds(s));
    JsonObject http = Json.obj(s, "http");
    m.add("http", http == null ? null : http);
    JsonElement rounds = Json.at(s, "rounds");
    m.add("rounds", rounds != null && rounds.isJsonArray() ? rounds : null);
    return m;
  }

  private static JsonObject run(RunData data) {
    JsonObject s = data.summary();
    JsonObject r = new JsonObject();
    r.addProperty("dir", data.dir().toAbsolutePath().normalize().toString());
    for (String k :
        List.of(
            "command",
            "target",
            "accepted",
            "target_met",
            "max_rounds",
            "seed",
            "stopped_at_budget",
            "started_at",
            "finished_at",
            "wall_seconds",
            "instruction_model",
            "response_model",
            "tasks_requested_per_prompt",
            "cost_usd",
            "endpoint",
            "simulated",
            "cost_usd_if_real",
            "method",
            "alpacare")) {
      JsonElement e = Json.at(s, k);
      r.add(k, e == null ? null : e);
    }
    if (Json.at(s, "accepted") == null && !data.missingFiles().contains(RunData.ACCEPTED)) {
      r.addProperty("accepted", data.accepted().size());
    }
    JsonArray missing = new JsonArray();
    data.missingFiles().forEach(missing::add);
    r.add("missing_files", missing);
    return r;
  }

  private static void addDistributions(JsonObject m, RunData data) {
    Counter types = new Counter();
    Counter views = new Counter();
    Counter topics = new Counter();
    long[] difficulty = new long[6];
    long badDifficulty = 0;
    for (JsonObject r : data.accepted()) {
      types.add(LabelNormalizer.taskType(Json.str(r, "type")));
      views.add(LabelNormalizer.view(Json.str(r, "view")));
      topics.add(LabelNormalizer.topic(Json.str(r, "topic")));
      Integer d = LabelNormalizer.difficulty(Json.str(r, "difficulty"));
      if (d == null) {
        badDifficulty++;
      } else {
        difficulty[d]++;
      }
    }
    m.add("types", types.toJson(Integer.MAX_VALUE));
    m.add("views", views.toJson(TOP_VIEWS));
    m.addProperty("views_distinct", views.distinct());
    m.add("topics", topics.toJson(TOP_TOPICS));
    m.addProperty("topics_distinct", topics.distinct());
    JsonArray d = new JsonArray();
    for (int i = 1; i <= 5; i++) {
      d.add(bar(String.valueOf(i), difficulty[i]));
    }
    if (badDifficulty > 0) {
      d.add(bar("other", badDifficulty));
    }
    m.add("difficulty", d);
    m.add("formats", formats(data.summary(), types));
  }

  private static JsonObject bar(String label, long count) {
    JsonObject o = new JsonObject();
    o.addProperty("label", label);
    o.addProperty("count", count);
    return o;
  }

  /** Share of each requested format among accepted tasks; flags missing (0) and rare (< 2%). */
  private static JsonArray formats(JsonObject s, Counter types) {
    JsonElement req = Json.at(s, "requested_formats");
    if (req == null || !req.isJsonArray()) {
      return null;
    }
    Map<String, String> requested = new LinkedHashMap<>();
    for (JsonElement e : req.getAsJsonArray()) {
      if (!e.isJsonPrimitive()) {
        continue; // not a format name; the rest of the list still counts
      }
      String canonical = LabelNormalizer.taskType(e.getAsString());
      requested.putIfAbsent(LabelNormalizer.key(canonical), canonical);
    }
    JsonArray out = new JsonArray();
    for (String label : requested.values()) {
      long c = types.get(label);
      double share = types.total() == 0 ? 0 : (double) c / types.total();
      JsonObject o = bar(label, c);
      o.addProperty("share", share);
      o.addProperty("flag", c == 0 ? "missing" : share < RARE_SHARE ? "rare" : null);
      out.add(o);
    }
    return out;
  }

  private static JsonObject verbs(List<JsonObject> accepted) {
    VerbNounExtractor x = accepted.isEmpty() ? null : VerbNounExtractor.get();
    Map<String, Long> verbCount = new HashMap<>();
    Map<String, Map<String, Long>> nouns = new HashMap<>();
    long fit = 0;
    List<VerbNounExtractor.VerbNoun> found =
        accepted.parallelStream().map(r -> x.extract(Json.str(r, "instruction"))).toList();
    for (VerbNounExtractor.VerbNoun vn : found) {
      if (vn == null || vn.noun() == null) {
        continue;
      }
      fit++;
      verbCount.merge(vn.verb(), 1L, Long::sum);
      nouns.computeIfAbsent(vn.verb(), k -> new HashMap<>()).merge(vn.noun(), 1L, Long::sum);
    }
    JsonObject o = new JsonObject();
    o.addProperty("total", accepted.size());
    o.addProperty("fit", fit);
    o.addProperty("share", accepted.isEmpty() ? 0 : (double) fit / accepted.size());
    JsonArray list = new JsonArray();
    for (var v : sorted(verbCount, TOP_VERBS)) {
      JsonObject vo = new JsonObject();
      vo.addProperty("verb", v.getKey());
      vo.addProperty("count", v.getValue());
      JsonArray ns = new JsonArray();
      for (var n : sorted(nouns.get(v.getKey()), NOUNS_PER_VERB)) {
        JsonObject no = new JsonObject();
        no.addProperty("noun", n.getKey());
        no.addProperty("count", n.getValue());
        ns.add(no);
      }
      vo.add("nouns", ns);
      list.add(vo);
    }
    o.add("verbs", list);
    return o;
  }

  private static List<Map.Entry<String, Long>> sorted(Map<String, Long> counts, int limit) {
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(limit)
        .toList();
  }

  private static JsonObject rougeSeed(List<JsonObject> accepted) {
    List<Double> v = new ArrayList<>();
    for (JsonObject r : accepted) {
      Double d = Json.num(r, "nearest_seed_rougeL");
      if (d != null) {
        v.add(d);
      }
    }
    JsonObject h = Histogram.scores(v);
    h.addProperty("without_score", accepted.size() - v.size());
    return h;
  }

  private static JsonObject rougeOther(List<JsonObject> accepted) {
    List<String> instructions = new ArrayList<>();
    for (JsonObject r : accepted) {
      String i = Json.str(r, "instruction");
      instructions.add(i == null ? "" : i);
    }
    NearestRouge.Result res = NearestRouge.compute(instructions);
    JsonObject h = Histogram.scores(res.compared() == 0 ? List.of() : res.scores());
    h.addProperty("method", res.sampled() ? "sample" : "all");
    h.addProperty("population", instructions.size());
    return h;
  }

  private static JsonObject lengths(List<JsonObject> accepted) {
    List<Integer> ins = new ArrayList<>();
    List<Integer> inp = new ArrayList<>();
    List<Integer> out = new ArrayList<>();
    long noInput = 0;
    for (JsonObject r : accepted) {
      ins.add(words(Json.str(r, "instruction")));
      String input = Json.str(r, "input");
      if (input == null || input.isBlank() || input.strip().equalsIgnoreCase("<noinput>")) {
        noInput++;
      } else {
        inp.add(words(input));
      }
      out.add(words(Json.str(r, "output")));
    }
    JsonObject o = new JsonObject();
    o.add("instruction", Histogram.lengths(ins));
    JsonObject input = Histogram.lengths(inp);
    input.addProperty("no_input", noInput);
    o.add("input", input);
    o.add("output", Histogram.lengths(out));
    return o;
  }

  static int words(String s) {
    if (s == null || s.isBlank()) {
      return 0;
    }
    return s.strip().split("\\s+").length;
  }

  /** [{stage, model, requests, cached, prompt_tokens, completion_tokens, cost_usd}] or null. */
  private static JsonArray llm(JsonObject s) {
    JsonObject llm = Json.obj(s, "llm");
    if (llm == null) {
      return null;
    }
    JsonArray out = new JsonArray();
    for (var stage : llm.entrySet()) {
      if (!stage.getValue().isJsonObject()) {
        continue;
      }
      for (var model : stage.getValue().getAsJsonObject().entrySet()) {
        if (!model.getValue().isJsonObject()) {
          continue;
        }
        JsonObject mo = model.getValue().getAsJsonObject();
        JsonObject row = new JsonObject();
        row.addProperty("stage", stage.getKey());
        row.addProperty("model", model.getKey());
        for (String k :
            List.of(
                "requests",
                "cached",
                "prompt_tokens",
                "completion_tokens",
                "cost_usd",
                "cost_usd_if_real")) {
          row.add(k, Json.at(mo, k));
        }
        out.add(row);
      }
    }
    return out;
  }

  private static JsonArray stageSeconds(JsonObject s) {
    JsonObject st = Json.obj(s, "stage_seconds");
    if (st == null) {
      return null;
    }
    JsonArray out = new JsonArray();
    for (var e : st.entrySet()) {
      JsonObject o = new JsonObject();
      o.addProperty("label", e.getKey());
      o.add("value", e.getValue());
      out.add(o);
    }
    return out;
  }
}
