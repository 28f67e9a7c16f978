package org.medinstruct.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The normaliser on AlpaCare's own 167 seed tasks (read from shared/, never copied). */
class SeedLabelsTest {
  @Test
  void seedTaskTypes_foldIntoTheTenAlpacareFormats() throws IOException {
    String shared = System.getProperty("medinstruct.shared");
    assumeTrue(shared != null, "medinstruct.shared not set");
    Path seeds = Path.of(shared, "data", "alpacare", "med_seed.json");
    assumeTrue(Files.isRegularFile(seeds), "no " + seeds);
    Set<String> types = new TreeSet<>();
    Set<String> raw = new TreeSet<>();
    for (JsonElement e :
        JsonParser.parseString(Files.readString(seeds, StandardCharsets.UTF_8)).getAsJsonArray()) {
      String t = e.getAsJsonObject().get("type").getAsString();
      raw.add(t);
      types.add(LabelNormalizer.taskType(t));
    }
    assertEquals(
        new TreeSet<>(
            Set.of(
                "Text Generation",
                "Open Q&A",
                "Chat",
                "Rewrite",
                "Summarization",
                "Classification",
                "USMLE-style Q&A",
                "Multiple-choice Q&A",
                "Single-hop Reasoning",
                "Multi-hop Reasoning")),
        types,
        "from " + raw.size() + " spellings " + raw);
  }
}
