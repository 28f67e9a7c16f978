package org.medinstruct.pipeline.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * Turns the {@link ReportModel} into the chart list the page's script draws: {@code [{id, kind,
 * title, items|verbs, xlabel}]} with kind "hbar" (horizontal bars: label, value, text, cls),
 * "columns" (vertical bars: label, value) or "sunburst" (verbs with nouns). A chart with no data
 * has no items; the script draws it as "no data" and does not count it as drawn.
 */
final class ChartSpecs {
  private ChartSpecs() {}

  static JsonObject chart(String id, String kind, String title) {
    JsonObject c = new JsonObject();
    c.addProperty("id", id);
    c.addProperty("kind", kind);
    c.addProperty("title", title);
    c.add("items", new JsonArray());
    return c;
  }

  static void item(JsonObject chart, String label, Number value, String text, String cls) {
    JsonObject i = new JsonObject();
    i.addProperty("label", label);
    i.addProperty("value", value == null ? 0 : value);
    i.addProperty("text", text != null ? text : value == null ? "n/a" : fmt(value));
    i.addProperty("cls", cls);
    chart.getAsJsonArray("items").add(i);
  }

  static boolean hasData(JsonObject chart) {
    if (chart.get("kind").getAsString().equals("sunburst")) {
      return chart.getAsJsonArray("verbs").size() > 0;
    }
    for (JsonElement e : chart.getAsJsonArray("items")) {
      if (e.getAsJsonObject().get("value").getAsDouble() > 0) {
        return true;
      }
    }
    return false;
  }

  static String fmt(Number n) {
    double d = n.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) d);
    }
    return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%,.0f" : "%.2f", d);
  }

  static JsonArray all(JsonObject m) {
    JsonArray charts = new JsonArray();
    charts.add(funnel(m));
    // One task-type chart: the requested formats' shares when the run lists them, else the types.
    charts.add(formats(m));
    charts.add(labelBars(m, "views", "Views (top " + ReportModel.TOP_VIEWS + ")"));
    charts.add(labelBars(m, "topics", "Topics (top " + ReportModel.TOP_TOPICS + ")"));
    charts.add(columns(m.getAsJsonArray("difficulty"), "difficulty", "Difficulty", "difficulty"));
    JsonObject sun = chart("verbs", "sunburst", "Root verbs and their noun objects");
    sun.add("verbs", m.getAsJsonObject("verbs").getAsJsonArray("verbs"));
    charts.add(sun);
    charts.add(
        hist(
            m.getAsJsonObject("rouge_seed"),
            "rouge_seed",
            "ROUGE-L to the nearest seed task",
            "ROUGE-L F"));
    charts.add(
        hist(
            m.getAsJsonObject("rouge_other"),
            "rouge_other",
            "ROUGE-L to the nearest other accepted instruction",
            "ROUGE-L F"));
    JsonObject lengths = m.getAsJsonObject("lengths");
    charts.add(
        hist(
            lengths.getAsJsonObject("instruction"),
            "len_instruction",
            "Instruction length",
            "words"));
    charts.add(
        hist(
            lengths.getAsJsonObject("input"),
            "len_input",
            "Input length (tasks with an input)",
            "words"));
    charts.add(hist(lengths.getAsJsonObject("output"), "len_output", "Output length", "words"));
    charts.add(tokens(m));
    charts.add(cost(m));
    charts.add(seconds(m));
    charts.add(rounds(m));
    return charts;
  }

  private static JsonObject funnel(JsonObject m) {
    JsonObject c = chart("funnel", "hbar", "Funnel");
    for (JsonElement e : m.getAsJsonArray("funnel")) {
      JsonObject f = e.getAsJsonObject();
      JsonElement v = f.get("value");
      item(
          c,
          f.get("label").getAsString(),
          v == null || v.isJsonNull() ? null : v.getAsLong(),
          null,
          f.get("kind").getAsString());
    }
    return c;
  }

  private static JsonObject labelBars(JsonObject m, String key, String title) {
    JsonObject c = chart(key, "hbar", title);
    for (JsonElement e : m.getAsJsonArray(key)) {
      JsonObject b = e.getAsJsonObject();
      item(c, b.get("label").getAsString(), b.get("count").getAsLong(), null, "flow");
    }
    return c;
  }

  private static JsonObject formats(JsonObject m) {
    JsonObject c = chart("formats", "hbar", "Task types: share of accepted tasks");
    JsonElement f = m.get("formats");
    if (f == null || f.isJsonNull()) {
      // No requested formats in the summary: the accepted tasks' own type labels.
      long total = 0;
      for (JsonElement e : m.getAsJsonArray("types")) {
        total += e.getAsJsonObject().get("count").getAsLong();
      }
      for (JsonElement e : m.getAsJsonArray("types")) {
        JsonObject b = e.getAsJsonObject();
        long n = b.get("count").getAsLong();
        double share = total == 0 ? 0 : 100.0 * n / total;
        item(
            c,
            b.get("label").getAsString(),
            share,
            String.format(Locale.ROOT, "%.1f%% (%d)", share, n),
            "flow");
      }
      return c;
    }
    for (JsonElement e : f.getAsJsonArray()) {
      JsonObject b = e.getAsJsonObject();
      double share = b.get("share").getAsDouble() * 100;
      String flag =
          b.has("flag") && !b.get("flag").isJsonNull() ? b.get("flag").getAsString() : null;
      String text =
          String.format(
              Locale.ROOT,
              "%.1f%% (%d)%s",
              share,
              b.get("count").getAsLong(),
              flag == null ? "" : " " + flag.toUpperCase(Locale.ROOT));
      item(c, b.get("label").getAsString(), share, text, flag == null ? "flow" : flag);
    }
    return c;
  }

  private static JsonObject columns(JsonArray bars, String id, String title, String xlabel) {
    JsonObject c = chart(id, "columns", title);
    c.addProperty("xlabel", xlabel);
    for (JsonElement e : bars) {
      JsonObject b = e.getAsJsonObject();
      item(c, b.get("label").getAsString(), b.get("count").getAsLong(), null, "flow");
    }
    return c;
  }

  private static JsonObject hist(JsonObject h, String id, String title, String xlabel) {
    JsonObject c = chart(id, "columns", title);
    c.addProperty("xlabel", xlabel);
    c.addProperty("edges", true);
    for (JsonElement e : h.getAsJsonArray("bins")) {
      JsonObject b = e.getAsJsonObject();
      String lo = fmtEdge(b.get("lo").getAsDouble());
      JsonElement hi = b.get("hi");
      String label = hi == null || hi.isJsonNull() ? "≥" + lo : lo;
      item(c, label, b.get("count").getAsLong(), null, "flow");
    }
    return c;
  }

  private static String fmtEdge(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
  }

  private static JsonObject tokens(JsonObject m) {
    JsonObject c = chart("tokens", "hbar", "Tokens per stage and model");
    JsonElement llm = m.get("llm");
    if (llm == null || llm.isJsonNull()) {
      return c;
    }
    for (JsonElement e : llm.getAsJsonArray()) {
      JsonObject r = e.getAsJsonObject();
      String who = r.get("stage").getAsString() + " · " + r.get("model").getAsString();
      item(c, who + " prompt", num(r, "prompt_tokens"), null, "flow");
      item(c, who + " completion", num(r, "completion_tokens"), null, "alt");
    }
    return c;
  }

  private static JsonObject cost(JsonObject m) {
    JsonObject c = chart("cost", "hbar", "Cost per stage and model (USD)");
    JsonElement llm = m.get("llm");
    if (llm == null || llm.isJsonNull()) {
      return c;
    }
    for (JsonElement e : llm.getAsJsonArray()) {
      JsonObject r = e.getAsJsonObject();
      // A simulated run spent nothing: its chart shows what it would have cost.
      Double v =
          r.has("cost_usd_if_real") && !r.get("cost_usd_if_real").isJsonNull()
              ? num(r, "cost_usd_if_real")
              : num(r, "cost_usd");
      item(
          c,
          r.get("stage").getAsString() + " · " + r.get("model").getAsString(),
          v,
          v == null ? null : String.format(Locale.ROOT, "$%.4f", v),
          "flow");
    }
    return c;
  }

  private static JsonObject seconds(JsonObject m) {
    JsonObject c = chart("stage_seconds", "hbar", "Wall time per stage (s)");
    JsonElement st = m.get("stage_seconds");
    if (st == null || st.isJsonNull()) {
      return c;
    }
    for (JsonElement e : st.getAsJsonArray()) {
      JsonObject r = e.getAsJsonObject();
      Double v = num(r, "value");
      item(
          c,
          r.get("label").getAsString(),
          v,
          v == null ? null : String.format(Locale.ROOT, "%.1f s", v),
          "flow");
    }
    return c;
  }

  private static JsonObject rounds(JsonObject m) {
    JsonObject c = chart("rounds", "columns", "Accepted tasks per round");
    c.addProperty("xlabel", "round");
    JsonElement rs = m.get("rounds");
    if (rs == null || rs.isJsonNull()) {
      return c;
    }
    for (JsonElement e : rs.getAsJsonArray()) {
      JsonObject r = e.getAsJsonObject();
      Double round = num(r, "round");
      item(c, round == null ? "?" : fmt(round), num(r, "accepted"), null, "flow");
    }
    return c;
  }

  private static Double num(JsonObject o, String k) {
    return Json.num(o, k);
  }
}
