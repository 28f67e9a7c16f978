package org.medinstruct.pipeline;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medinstruct.model.MedTask;
import org.medinstruct.tasks.TaskTypes;

/**
 * The funnel per task type, so a filter that skews the method's distribution shows at a glance.
 *
 * <p>Input: the JSON lines a run wrote: accepted records (with {@code type} and {@code input}),
 * rejections ({@code stage}, {@code record}) and failures ({@code stage}, {@code record}). Output:
 * for each normalized type ({@link TaskTypes#canonical}) how many tasks were generated (parsed),
 * passed the filters, survived dedup (and decontamination), and were accepted; and the same four
 * counts of tasks that have an input. Completions the parser could not split into tasks count under
 * {@link #UNPARSED} as generated only. A pure function of its arguments.
 */
final class TypeDistribution {
  static final String UNPARSED = "(unparsed)";
  static final String NO_TYPE = "(no type)";
  static final String[] STEPS = {"generated", "passed_filters", "unique_after_dedup", "accepted"};

  private TypeDistribution() {}

  /** {@code {"by_type": {type: {generated, ...}}, "with_input": {generated, ...}}}. */
  static JsonObject build(List<String> accepted, List<String> rejected, List<String> failed) {
    Map<String, long[]> byType = new TreeMap<>();
    long[] withInput = new long[STEPS.length];
    for (String line : accepted) {
      add(byType, withInput, JsonParser.parseString(line).getAsJsonObject(), STEPS.length);
    }
    for (String line : rejected) {
      JsonObject r = JsonParser.parseString(line).getAsJsonObject();
      String stage = r.get("stage").getAsString();
      JsonObject record =
          r.has("record") && r.get("record").isJsonObject()
              ? r.getAsJsonObject("record")
              : new JsonObject();
      switch (stage) {
        case "parse" -> byType.computeIfAbsent(UNPARSED, k -> new long[STEPS.length])[0]++;
        case "filter" -> add(byType, withInput, record, 1);
        case "dedup", "decontaminate" -> add(byType, withInput, record, 2);
        // Answer stage and trimming to the target: the task got through dedup.
        default -> add(byType, withInput, record, 3);
      }
    }
    for (String line : failed) {
      JsonObject f = JsonParser.parseString(line).getAsJsonObject();
      // Failed generation requests hold no task; failed answers hold one that got through dedup.
      if (!"instructions".equals(f.get("stage").getAsString())
          && f.has("record")
          && f.get("record").isJsonObject()) {
        add(byType, withInput, f.getAsJsonObject("record"), 3);
      }
    }
    JsonObject types = new JsonObject();
    byType.forEach((type, counts) -> types.add(type, counts(counts)));
    JsonObject out = new JsonObject();
    out.add("by_type", types);
    out.add("with_input", counts(withInput));
    return out;
  }

  /** Counts a task in the first {@code steps} steps of the funnel. */
  private static void add(
      Map<String, long[]> byType, long[] withInput, JsonObject task, int steps) {
    long[] counts = byType.computeIfAbsent(type(task), k -> new long[STEPS.length]);
    boolean hasInput = hasInput(task.get("input"));
    for (int i = 0; i < steps; i++) {
      counts[i]++;
      withInput[i] += hasInput ? 1 : 0;
    }
  }

  private static String type(JsonObject task) {
    JsonElement t = task.get("type");
    String label = t == null || t.isJsonNull() ? null : TaskTypes.canonical(t.getAsString());
    return label == null || label.isBlank() ? NO_TYPE : label;
  }

  private static boolean hasInput(JsonElement input) {
    if (input == null || input.isJsonNull()) {
      return false;
    }
    String s = input.getAsString();
    return !s.isBlank() && !MedTask.NO_INPUT.equalsIgnoreCase(s.strip());
  }

  private static JsonObject counts(long[] counts) {
    JsonObject o = new JsonObject();
    Map<String, Long> ordered = new LinkedHashMap<>();
    for (int i = 0; i < STEPS.length; i++) {
      ordered.put(STEPS[i], counts[i]);
    }
    ordered.forEach(o::addProperty);
    return o;
  }
}
