package org.medinstruct.pipeline.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts normalised labels grouped by {@link LabelNormalizer#key}; each group is shown under its
 * most frequent spelling (ties: alphabetically first), so the result does not depend on input
 * order.
 */
final class Counter {
  private final Map<String, Long> counts = new HashMap<>();
  private final Map<String, Map<String, Long>> spellings = new HashMap<>();
  private long total;

  void add(String label) {
    String key = LabelNormalizer.key(label);
    counts.merge(key, 1L, Long::sum);
    spellings.computeIfAbsent(key, k -> new HashMap<>()).merge(label, 1L, Long::sum);
    total++;
  }

  long total() {
    return total;
  }

  int distinct() {
    return counts.size();
  }

  long get(String label) {
    return counts.getOrDefault(LabelNormalizer.key(label), 0L);
  }

  /** Labels by count descending (ties alphabetical), at most {@code limit}. */
  List<Map.Entry<String, Long>> top(int limit) {
    List<Map.Entry<String, Long>> out = new ArrayList<>();
    for (var e : counts.entrySet()) {
      out.add(Map.entry(display(e.getKey()), e.getValue()));
    }
    out.sort(
        Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
            .reversed()
            .thenComparing(Map.Entry::getKey));
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  private String display(String key) {
    return spellings.get(key).entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .findFirst()
        .orElseThrow()
        .getKey();
  }

  /** [{label, count}] of the top labels, for the page's chart data. */
  JsonArray toJson(int limit) {
    JsonArray a = new JsonArray();
    for (var e : top(limit)) {
      JsonObject o = new JsonObject();
      o.addProperty("label", e.getKey());
      o.addProperty("count", e.getValue());
      a.add(o);
    }
    return a;
  }
}
