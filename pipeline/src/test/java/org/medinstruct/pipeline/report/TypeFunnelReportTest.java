package org.medinstruct.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-type funnel table, and no two charts showing the same distribution. */
class TypeFunnelReportTest {
  @Test
  void givenTaskTypesInSummary_reportShowsOneRowPerTypeAndTheInputRow(@TempDir Path dir)
      throws IOException {
    RunFixture.write(dir, 40, 7);
    Path summaryFile = dir.resolve("summary.json");
    JsonObject s = JsonParser.parseString(Files.readString(summaryFile)).getAsJsonObject();
    s.add(
        "task_types",
        JsonParser.parseString(
            "{\"by_type\": {\"Rewrite\": {\"generated\": 20, \"passed_filters\": 18,"
                + " \"unique_after_dedup\": 15, \"accepted\": 10}, \"Chat\": {\"generated\": 8,"
                + " \"passed_filters\": 8, \"unique_after_dedup\": 8, \"accepted\": 8}},"
                + " \"with_input\": {\"generated\": 12, \"passed_filters\": 11,"
                + " \"unique_after_dedup\": 9, \"accepted\": 6}}"));
    Files.writeString(summaryFile, s.toString());
    ReportWriter.write(dir);
    String html = ReportPages.html(dir);
    assertTrue(
        html.contains(
            "<tr><td>Rewrite</td><td class=\"n\">20</td><td class=\"n\">18</td>"
                + "<td class=\"n\">15</td><td class=\"n\">10</td><td class=\"n\">50%</td></tr>"),
        html);
    assertTrue(html.contains("<tr><td>Chat</td><td class=\"n\">8</td>"));
    assertTrue(html.contains("<tr><td>Tasks with an input</td><td class=\"n\">12</td>"));
  }

  @Test
  void givenNoTaskTypesInSummary_saysNa(@TempDir Path dir) throws IOException {
    RunFixture.write(dir, 10, 3);
    // A summary from before task_types existed.
    JsonObject summary =
        JsonParser.parseString(Files.readString(dir.resolve("summary.json"))).getAsJsonObject();
    summary.remove("task_types");
    Files.writeString(dir.resolve("summary.json"), summary.toString());
    ReportWriter.write(dir);
    assertTrue(ReportPages.html(dir).contains("n/a: summary.json has no task_types."));
  }

  @Test
  void noTwoChartsShowTheSameItems(@TempDir Path dir) throws IOException {
    RunFixture.write(dir, 60, 11);
    ReportWriter.write(dir);
    JsonObject data = ReportPages.data(ReportPages.html(dir));
    Map<String, String> seen = new HashMap<>();
    for (JsonElement e : data.getAsJsonArray("charts")) {
      JsonObject c = e.getAsJsonObject();
      JsonArray items = c.getAsJsonArray("items");
      if (items == null || items.isEmpty()) {
        continue;
      }
      // The same labels in the same proportions is the same distribution, counts or shares.
      double total = 0;
      for (JsonElement i : items) {
        total += i.getAsJsonObject().get("value").getAsDouble();
      }
      StringBuilder key = new StringBuilder();
      for (JsonElement i : items) {
        JsonObject o = i.getAsJsonObject();
        key.append(o.get("label").getAsString())
            .append('=')
            .append(Math.round(1000 * o.get("value").getAsDouble() / total))
            .append('\n');
      }
      String previous = seen.put(key.toString(), c.get("id").getAsString());
      assertEquals(
          null,
          previous,
          "charts " + previous + " and " + c.get("id") + " show the same distribution");
    }
  }
}
