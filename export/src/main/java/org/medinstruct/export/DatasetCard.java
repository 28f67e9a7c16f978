package org.medinstruct.export;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code README.md} dataset card of an export, in the format of the Hugging Face {@code
 * datasets} documentation: YAML front matter (license placeholder, task_categories,
 * size_categories, language, the {@code data/train-*} config), then a body stating the models,
 * prompts, seeds, filters, dedup threshold and counts from {@code summary.json}, and whether the
 * data is simulated. Fields {@code summary.json} does not record are said to be not recorded.
 */
public final class DatasetCard {
  private DatasetCard() {}

  /** The card for {@code rows} exported rows of a run with this {@code summary} (may be empty). */
  public static String render(int rows, JsonObject summary) {
    Simulated simulated = simulated(summary);
    StringBuilder s = new StringBuilder();
    s.append("---\n");
    s.append("# Placeholder: choose the license before publishing (seed tasks, prompts and the\n");
    s.append("# model provider's terms all bear on it).\n");
    s.append("license: other\n");
    s.append("license_name: to-be-chosen\n");
    s.append("pretty_name: MedInstruct-style medical instruction dataset\n");
    s.append("language:\n- en\n");
    s.append("task_categories:\n- text-generation\n- question-answering\n");
    s.append("size_categories:\n- ").append(sizeCategory(rows)).append('\n');
    s.append("tags:\n- medical\n- instruction-tuning\n- synthetic\n");
    if (simulated == Simulated.YES) {
      s.append("- simulated\n");
    }
    s.append(
        "configs:\n"
            + "- config_name: default\n"
            + "  data_files:\n"
            + "  - split: train\n"
            + "    path: data/train-*\n");
    s.append("dataset_info:\n  features:\n");
    for (String f : new String[] {"instruction", "input", "output"}) {
      s.append("  - name: ").append(f).append("\n    dtype: string\n");
    }
    s.append("  splits:\n  - name: train\n    num_examples: ").append(rows).append('\n');
    s.append("---\n\n");

    s.append("# MedInstruct-style medical instruction dataset\n\n");
    s.append(
        "Instruction/input/output triples made by [medinstruct](https://github.com/) with the\n"
            + "method of AlpaCare's MedInstruct-52k (arXiv 2310.14558): seed tasks sampled into a"
            + " prompt,\n"
            + "an instruction model writes new tasks, tasks are filtered and near-duplicates"
            + " removed by\n"
            + "ROUGE-L, a response model answers each task, and answers are filtered.\n\n");
    switch (simulated) {
      case YES ->
          s.append(
              "**Simulated data.** This run used the built-in simulated endpoint, a test double for"
                  + " a\n"
                  + "paid API: its tasks and answers are synthetic text, not model output. Do not"
                  + " train on it.\n\n");
      case NO ->
          s.append("**Endpoint:** ")
              .append(text(summary, "endpoint"))
              .append(" (not simulated).\n\n");
      default ->
          s.append(
              "**Endpoint:** not recorded in summary.json; check the run's log for whether the\n"
                  + "built-in simulated endpoint (a test double) was used.\n\n");
    }
    s.append("## Generation\n\n");
    s.append("| | |\n| --- | --- |\n");
    row(s, "rows (train split)", Integer.toString(rows));
    row(s, "instruction model", text(summary, "instruction_model"));
    row(s, "response model", text(summary, "response_model"));
    row(s, "instruction prompt", text(summary, "instruction_prompt", "instruction_prompt_file"));
    row(s, "response system prompt", text(summary, "response_prompt", "response_prompt_file"));
    row(s, "run seed", text(summary, "seed"));
    row(s, "seed tasks", text(summary, "seed_tasks", "seed_tasks_file"));
    row(s, "tasks requested per prompt", text(summary, "tasks_requested_per_prompt"));
    row(
        s,
        "dedup",
        "ROUGE-L F > "
            + text(summary, "dedup_threshold")
            + ", policy "
            + text(summary, "dedup_policy"));
    row(s, "target / accepted", text(summary, "target") + " / " + text(summary, "accepted"));
    row(
        s,
        "rounds",
        summary.has("rounds") && summary.get("rounds").isJsonArray()
            ? Integer.toString(summary.getAsJsonArray("rounds").size())
            : "not recorded");
    row(
        s,
        "cost (USD)",
        text(summary, "cost_usd_if_real", "cost_usd")
            + (simulated == Simulated.YES ? " (what it would have cost; nothing was spent)" : ""));
    s.append('\n');
    JsonObject counts =
        summary.has("counts") && summary.get("counts").isJsonObject()
            ? summary.getAsJsonObject("counts")
            : new JsonObject();
    s.append("## Counts (summary.json)\n\n");
    s.append("| stage | count |\n| --- | --- |\n");
    for (Map.Entry<String, JsonElement> e : counts.entrySet()) {
      if (e.getValue().isJsonPrimitive()) {
        row(s, e.getKey(), e.getValue().getAsString());
      }
    }
    s.append('\n');
    s.append("## Filters (rejections by stage and reason)\n\n");
    if (counts.has("rejected_by_reason") && counts.get("rejected_by_reason").isJsonObject()) {
      s.append("| filter | rejected |\n| --- | --- |\n");
      for (Map.Entry<String, JsonElement> e :
          counts.getAsJsonObject("rejected_by_reason").entrySet()) {
        row(s, e.getKey(), e.getValue().getAsString());
      }
    } else {
      s.append("Not recorded.\n");
    }
    s.append(
        "\n## Use\n\n```python\nfrom datasets import load_dataset\n"
            + "ds = load_dataset(\"path/to/this/directory\")  # or the Hub repository id\n```\n");
    return s.toString();
  }

  enum Simulated {
    YES,
    NO,
    UNKNOWN
  }

  static Simulated simulated(JsonObject summary) {
    JsonElement flag = summary.get("simulated");
    if (flag != null && flag.isJsonPrimitive() && flag.getAsJsonPrimitive().isBoolean()) {
      return flag.getAsBoolean() ? Simulated.YES : Simulated.NO;
    }
    if (!summary.has("endpoint") || summary.get("endpoint").isJsonNull()) {
      return Simulated.UNKNOWN;
    }
    JsonElement e = summary.get("endpoint");
    String value =
        e.isJsonPrimitive()
            ? e.getAsString()
            : e.isJsonObject() && e.getAsJsonObject().has("kind")
                ? e.getAsJsonObject().get("kind").getAsString()
                : "";
    return value.toLowerCase(Locale.ROOT).contains("simulated") ? Simulated.YES : Simulated.NO;
  }

  /** Hugging Face's size_categories bucket for {@code n} rows. */
  static String sizeCategory(int n) {
    if (n < 1_000) {
      return "n<1K";
    } else if (n < 10_000) {
      return "1K<n<10K";
    } else if (n < 100_000) {
      return "10K<n<100K";
    } else if (n < 1_000_000) {
      return "100K<n<1M";
    }
    return "1M<n<10M";
  }

  private static String text(JsonObject o, String... keys) {
    for (String k : keys) {
      if (o.has(k) && !o.get(k).isJsonNull()) {
        JsonElement e = o.get(k);
        return e.isJsonPrimitive() ? e.getAsString() : e.toString();
      }
    }
    return "not recorded";
  }

  private static void row(StringBuilder s, String key, String value) {
    s.append("| ")
        .append(key)
        .append(" | ")
        .append(value.replace("|", "\\|").replace("\n", " "))
        .append(" |\n");
  }
}
