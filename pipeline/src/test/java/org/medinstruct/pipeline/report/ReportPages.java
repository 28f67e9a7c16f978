package org.medinstruct.pipeline.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads back what a written report.html embeds, for assertions. */
final class ReportPages {
  private ReportPages() {}

  static final String OPEN = "<script type=\"application/json\" id=\"report-data\">";

  static String html(Path dir) throws IOException {
    return Files.readString(dir.resolve(ReportWriter.REPORT), StandardCharsets.UTF_8);
  }

  static JsonObject data(String html) {
    int start = html.indexOf(OPEN);
    int end = html.indexOf("</script>", start);
    return JsonParser.parseString(html.substring(start + OPEN.length(), end)).getAsJsonObject();
  }

  static JsonObject chart(JsonObject data, String id) {
    for (JsonElement e : data.getAsJsonArray("charts")) {
      if (e.getAsJsonObject().get("id").getAsString().equals(id)) {
        return e.getAsJsonObject();
      }
    }
    throw new AssertionError("no chart " + id);
  }

  /** Value of the bar with this label in an hbar/columns chart, or null. */
  static Double bar(JsonObject chart, String label) {
    for (JsonElement e : chart.getAsJsonArray("items")) {
      JsonObject i = e.getAsJsonObject();
      if (i.get("label").getAsString().equals(label)) {
        return i.get("value").getAsDouble();
      }
    }
    return null;
  }

  static Long count(JsonArray labelled, String label) {
    for (JsonElement e : labelled) {
      JsonObject o = e.getAsJsonObject();
      if (o.get("label").getAsString().equals(label)) {
        return o.get("count").getAsLong();
      }
    }
    return null;
  }
}
