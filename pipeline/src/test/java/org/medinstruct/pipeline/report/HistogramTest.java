package org.medinstruct.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramTest {
  @Test
  void scores_putOneInTheLastBinAndCountEveryValue() {
    JsonObject h = Histogram.scores(List.of(0.0, 0.04, 0.05, 0.5, 1.0));
    JsonArray bins = h.getAsJsonArray("bins");
    assertEquals(20, bins.size());
    assertEquals(2, bins.get(0).getAsJsonObject().get("count").getAsLong());
    assertEquals(1, bins.get(1).getAsJsonObject().get("count").getAsLong());
    assertEquals(1, bins.get(10).getAsJsonObject().get("count").getAsLong());
    assertEquals(1, bins.get(19).getAsJsonObject().get("count").getAsLong());
    assertEquals(0.05, h.get("median").getAsDouble());
    assertEquals(5, h.get("n").getAsInt());
  }

  @Test
  void lengths_useRoundWidthsAndAnOverflowBin() {
    List<Integer> v = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      v.add(i % 100);
    }
    v.add(5000);
    JsonObject h = Histogram.lengths(v);
    JsonArray bins = h.getAsJsonArray("bins");
    assertEquals(5.0, bins.get(0).getAsJsonObject().get("hi").getAsDouble());
    JsonObject last = bins.get(bins.size() - 1).getAsJsonObject();
    assertTrue(last.get("hi").isJsonNull(), "overflow bin is open");
    long total = 0;
    for (var b : bins) {
      total += b.getAsJsonObject().get("count").getAsLong();
    }
    assertEquals(201, total);
  }
}
