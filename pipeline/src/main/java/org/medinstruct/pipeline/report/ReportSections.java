package org.medinstruct.pipeline.report;

import static org.medinstruct.pipeline.report.ReportHtml.esc;
import static org.medinstruct.pipeline.report.ReportHtml.figure;
import static org.medinstruct.pipeline.report.ReportHtml.numText;
import static org.medinstruct.pipeline.report.ReportHtml.simulated;
import static org.medinstruct.pipeline.report.ReportHtml.str;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report page's figure sections: distributions, language, similarity and cost. */
final class ReportSections {
  private ReportSections() {}

  static void distributions(StringBuilder h, JsonObject m) {
    h.append("<h2 id=\"distributions\">Task distributions (as in the AlpaCare paper)</h2>\n");
    h.append("<p class=\"note\">Labels are normalised for case, spacing, plurals and spelling")
        .append(" variants (\"Text generation\" = \"Text Generation\", \"Rewrites\" = \"Rewrite\",")
        .append(" \"Medical student\" = \"Medical Student\"; see LabelNormalizer).</p>\n");
    h.append("<div class=\"grid2\">\n");
    formatsFigure(h, m);
    typeFunnel(h, m);
    figure(h, "views", "Views", m.get("views_distinct").getAsLong() + " distinct views.");
    figure(h, "topics", "Topics", m.get("topics_distinct").getAsLong() + " distinct topics.");
    figure(h, "difficulty", "Difficulty (1 easiest – 5 hardest)", null);
    h.append("</div>\n");
  }

  private static void formatsFigure(StringBuilder h, JsonObject m) {
    JsonElement f = m.get("formats");
    if (f == null || f.isJsonNull()) {
      figure(
          h,
          "formats",
          "Task types",
          "Share of accepted tasks of each type; requested formats n/a: summary.json does not list"
              + " requested_formats.");
      return;
    }
    List<String> missing = new ArrayList<>();
    List<String> rare = new ArrayList<>();
    for (JsonElement e : f.getAsJsonArray()) {
      JsonObject o = e.getAsJsonObject();
      String flag = str(o, "flag");
      if ("missing".equals(flag)) {
        missing.add(str(o, "label"));
      } else if ("rare".equals(flag)) {
        rare.add(str(o, "label"));
      }
    }
    StringBuilder note = new StringBuilder();
    note.append("Share of accepted tasks of each format the prompt asked for. ");
    note.append(
        missing.isEmpty()
            ? "No requested format is missing. "
            : "Requested but missing: " + String.join(", ", missing) + ". ");
    note.append(
        rare.isEmpty() ? "None is rare (< 2%)." : "Rare (< 2%): " + String.join(", ", rare) + ".");
    figure(h, "formats", "Task types (the requested formats)", note.toString());
    h.append("<span hidden id=\"formats-missing\">")
        .append(esc(String.join("|", missing)))
        .append("</span><span hidden id=\"formats-rare\">")
        .append(esc(String.join("|", rare)))
        .append("</span>\n");
  }

  /** Per task type: generated, passed the filters, survived dedup, accepted (summary.json). */
  private static void typeFunnel(StringBuilder h, JsonObject m) {
    JsonObject t = Json.obj(m, "type_funnel");
    h.append("<div><h3>Task types through the funnel</h3>\n");
    if (t == null || Json.obj(t, "by_type") == null) {
      h.append("<p class=\"note\">n/a: summary.json has no task_types.</p></div>\n");
      return;
    }
    h.append("<table class=\"types\"><tr><th>Type</th><th>Generated</th><th>Passed filters</th>")
        .append("<th>After dedup</th><th>Accepted</th><th>Kept</th></tr>\n");
    for (var e : t.getAsJsonObject("by_type").entrySet()) {
      typeRow(h, e.getKey(), e.getValue().getAsJsonObject());
    }
    JsonObject in = Json.obj(t, "with_input");
    if (in != null) {
      typeRow(h, "Tasks with an input", in);
    }
    h.append("</table>\n<p class=\"note\">Generated counts parsed tasks (completions the parser")
        .append(" could not split count as (unparsed)); Kept = accepted / generated. A type kept")
        .append(" much less often than the others skews the dataset.</p></div>\n");
  }

  private static void typeRow(StringBuilder h, String label, JsonObject c) {
    h.append("<tr><td>").append(esc(label)).append("</td>");
    for (String k : List.of("generated", "passed_filters", "unique_after_dedup", "accepted")) {
      h.append("<td class=\"n\">").append(esc(numText(c, k))).append("</td>");
    }
    Double g = Json.num(c, "generated");
    Double a = Json.num(c, "accepted");
    h.append("<td class=\"n\">")
        .append(
            g == null || a == null || g == 0
                ? "n/a"
                : String.format(Locale.ROOT, "%.0f%%", 100 * a / g))
        .append("</td></tr>\n");
  }

  static void language(StringBuilder h, JsonObject m) {
    JsonObject v = m.getAsJsonObject("verbs");
    h.append("<h2 id=\"language\">Instruction language: root verbs and their objects</h2>\n");
    h.append("<div class=\"grid2\">\n");
    figure(
        h,
        "verbs",
        "Top "
            + ReportModel.TOP_VERBS
            + " root verbs (inner ring) and their top "
            + ReportModel.NOUNS_PER_VERB
            + " noun objects (outer ring); angles count the pairs shown",
        String.format(
            Locale.ROOT,
            "%d of %d instructions (%.1f%%) fit the verb-noun pattern. Rule (no English dependency"
                + " parser ships with OpenNLP): OpenNLP UD POS tags of the first request sentence,"
                + " tagged as a request; an opening phrase up to the first comma (\"Given ...,\","
                + " \"Based on ...,\") is skipped; the first VERB is the root, the first following"
                + " NOUN (head of a compound) before another clause is its object.",
            v.get("fit").getAsLong(),
            v.get("total").getAsLong(),
            v.get("share").getAsDouble() * 100));
    h.append(
        "<div><table class=\"verbs\"><tr><th>Verb</th><th>Count</th><th>Top nouns</th></tr>\n");
    for (JsonElement e : v.getAsJsonArray("verbs")) {
      JsonObject o = e.getAsJsonObject();
      List<String> nouns = new ArrayList<>();
      o.getAsJsonArray("nouns")
          .forEach(
              n ->
                  nouns.add(
                      n.getAsJsonObject().get("noun").getAsString()
                          + " ("
                          + n.getAsJsonObject().get("count").getAsLong()
                          + ")"));
      h.append("<tr><td>")
          .append(esc(str(o, "verb")))
          .append("</td><td class=\"n\">")
          .append(o.get("count").getAsLong())
          .append("</td><td>")
          .append(esc(String.join(", ", nouns)))
          .append("</td></tr>\n");
    }
    h.append("</table></div>\n</div>\n");
  }

  static void similarity(StringBuilder h, JsonObject m) {
    h.append("<h2 id=\"similarity\">Similarity and length</h2>\n<div class=\"grid2\">\n");
    JsonObject seed = m.getAsJsonObject("rouge_seed");
    figure(
        h,
        "rouge_seed",
        "ROUGE-L to the nearest seed task",
        stats(seed)
            + (seed.get("without_score").getAsLong() > 0
                ? " "
                    + seed.get("without_score").getAsLong()
                    + " records have no nearest_seed_rougeL."
                : ""));
    JsonObject other = m.getAsJsonObject("rouge_other");
    String method =
        "sample".equals(str(other, "method"))
            ? "A deterministic random sample of "
                + NearestRouge.SAMPLE
                + " of the "
                + other.get("population").getAsLong()
                + " accepted instructions, each against all."
            : "Every accepted instruction against all "
                + other.get("population").getAsLong()
                + " (all pairs).";
    figure(
        h,
        "rouge_other",
        "ROUGE-L to the nearest other accepted instruction",
        stats(other) + " " + method);
    JsonObject len = m.getAsJsonObject("lengths");
    figure(
        h,
        "len_instruction",
        "Instruction length (words)",
        stats(len.getAsJsonObject("instruction")));
    JsonObject input = len.getAsJsonObject("input");
    figure(
        h,
        "len_input",
        "Input length (words)",
        stats(input) + " " + input.get("no_input").getAsLong() + " tasks have no input.");
    figure(h, "len_output", "Output length (words)", stats(len.getAsJsonObject("output")));
    h.append("</div>\n");
  }

  private static String stats(JsonObject hist) {
    long n = hist.get("n").getAsLong();
    if (n == 0) {
      return "n = 0.";
    }
    return String.format(
        Locale.ROOT,
        "n = %,d, mean %.3g, median %.3g.",
        n,
        hist.get("mean").getAsDouble(),
        hist.get("median").getAsDouble());
  }

  static void cost(StringBuilder h, JsonObject m) {
    h.append("<h2 id=\"cost\">Cost and time</h2>\n<div class=\"grid2\">\n");
    figure(h, "tokens", "Tokens per stage and model", null);
    figure(h, "cost", "Cost per stage and model (USD)", null);
    figure(h, "stage_seconds", "Wall time per stage", null);
    figure(h, "rounds", "Accepted tasks per round", null);
    h.append("</div>\n");
    JsonElement llm = m.get("llm");
    h.append("<table class=\"llm\"><tr><th>Stage</th><th>Model</th><th>Requests</th>")
        .append("<th>Cached</th><th>Prompt tokens</th><th>Completion tokens</th>")
        .append(
            simulated(m.getAsJsonObject("run"))
                ? "<th>Would have cost (USD)</th></tr>\n"
                : "<th>Cost (USD)</th></tr>\n");
    if (llm == null || llm.isJsonNull()) {
      h.append("<tr><td colspan=\"7\">n/a</td></tr>\n");
    } else {
      for (JsonElement e : llm.getAsJsonArray()) {
        JsonObject r = e.getAsJsonObject();
        h.append("<tr><td>")
            .append(esc(str(r, "stage")))
            .append("</td><td>")
            .append(esc(str(r, "model")))
            .append("</td>");
        for (String k : List.of("requests", "cached", "prompt_tokens", "completion_tokens")) {
          h.append("<td class=\"n\">").append(esc(numText(r, k))).append("</td>");
        }
        Double c =
            Json.num(
                r,
                r.has("cost_usd_if_real") && !r.get("cost_usd_if_real").isJsonNull()
                    ? "cost_usd_if_real"
                    : "cost_usd");
        h.append("<td class=\"n\">")
            .append(c == null ? "n/a" : String.format(Locale.ROOT, "%.4f", c))
            .append("</td></tr>\n");
      }
    }
    h.append("</table>\n");
    JsonElement http = m.get("http");
    h.append("<table class=\"http\"><tr><th>HTTP requests sent</th><th>Retries</th>")
        .append("<th>HTTP 429</th><th>Failures</th></tr>\n<tr>");
    for (String k : List.of("requests_sent", "retries", "http_429", "failures")) {
      h.append("<td class=\"n\">")
          .append(
              esc(http == null || http.isJsonNull() ? "n/a" : numText(http.getAsJsonObject(), k)))
          .append("</td>");
    }
    h.append("</tr>\n</table>\n");
  }
}
