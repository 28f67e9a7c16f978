package org.medinstruct.pipeline.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;

/** Fixed-width histograms as chart data: {n, mean, median, bins: [{lo, hi, count}]}. */
final class Histogram {
  private Histogram() {}

  /** ROUGE-L scores in 20 bins of 0.05 on [0, 1]; 1.0 falls in the last bin. */
  static JsonObject scores(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    return build(v, 0.05, 20, false);
  }

  /**
   * Word counts in at most 20 bins of a round width (1, 2, 5, 10, 20, 50 ...) chosen so they cover
   * the 99th percentile; the last bin also holds everything longer (its {@code hi} is null).
   */
  static JsonObject lengths(List<Integer> values) {
    double[] v = values.stream().mapToDouble(Integer::doubleValue).toArray();
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    double p99 = sorted.length == 0 ? 1 : sorted[(int) Math.floor(0.99 * (sorted.length - 1))];
    double width = niceWidth(Math.max(1, p99 + 1) / 20.0);
    int bins = (int) Math.min(20, Math.max(1, Math.ceil((p99 + 1) / width)));
    boolean overflow = sorted.length > 0 && sorted[sorted.length - 1] >= bins * width;
    return build(v, width, bins, overflow);
  }

  static double niceWidth(double raw) {
    double w = 1;
    while (true) {
      for (double m : new double[] {1, 2, 5}) {
        if (w * m >= raw) {
          return w * m;
        }
      }
      w *= 10;
    }
  }

  private static JsonObject build(double[] v, double width, int bins, boolean overflow) {
    long[] counts = new long[bins];
    for (double x : v) {
      int b = (int) Math.floor(x / width + 1e-9);
      counts[Math.max(0, Math.min(bins - 1, b))]++;
    }
    JsonObject o = new JsonObject();
    o.addProperty("n", v.length);
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    if (v.length > 0) {
      o.addProperty("mean", Arrays.stream(v).average().orElse(0));
      int m = sorted.length / 2;
      o.addProperty("median", sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2);
    }
    JsonArray a = new JsonArray();
    for (int i = 0; i < bins; i++) {
      JsonObject b = new JsonObject();
      b.addProperty("lo", round(i * width));
      if (i == bins - 1 && overflow) {
        b.add("hi", null);
      } else {
        b.addProperty("hi", round((i + 1) * width));
      }
      b.addProperty("count", counts[i]);
      a.add(b);
    }
    o.add("bins", a);
    return o;
  }

  private static double round(double x) {
    return Math.round(x * 1e6) / 1e6;
  }
}
