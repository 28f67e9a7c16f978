package org.medinstruct.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test helper: AlpaCare-style instruction prompts. Uses the real seed tasks from {@code
 * medinstruct.shared}/data/alpacare/med_seed.json when present (never copied into the repository),
 * otherwise a few synthetic seeds.
 */
final class SimPrompts {
  private SimPrompts() {}

  static Path sharedSeedFile() {
    String shared = System.getProperty("medinstruct.shared", "/work/shared");
    return Path.of(shared, "data", "alpacare", "med_seed.json");
  }

  private static List<String> cached;

  static synchronized List<String> seedInstructions() {
    if (cached == null) {
      cached = List.copyOf(readSeedInstructions());
    }
    return cached;
  }

  private static List<String> readSeedInstructions() {
    List<String> out = new ArrayList<>();
    Path f = sharedSeedFile();
    if (Files.exists(f)) {
      try {
        JsonArray a = JsonParser.parseString(Files.readString(f)).getAsJsonArray();
        for (JsonElement e : a) {
          out.add(e.getAsJsonObject().get("instruction").getAsString());
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    } else {
      out.addAll(
          List.of(
              "Explain what multiple sclerosis is and its pathophysiology.",
              "Develop an informative paragraph about 'beta blockers' including their benefits and"
                  + " side effects.",
              "Classify the given patient's symptoms into possible diseases or conditions.",
              "Ask questions regarding managing diabetes effectively."));
    }
    return out;
  }

  /** Three seeds numbered 1-3, then "4. Type:". */
  static String prompt(List<String> seeds, SplittableRandom r) {
    StringBuilder b =
        new StringBuilder(
            "You are asked to come up with a set of diverse medical" + " task instructions.\n");
    for (int i = 1; i <= 3; i++) {
      b.append("###\n")
          .append(i)
          .append(
              ". Type: Open Q&A\nTopic: Neurology\nView: Student\n"
                  + "Difficulty: 1\nInstruction: ")
          .append(seeds.get(r.nextInt(seeds.size())))
          .append("\nInput: <noinput>\n");
    }
    return b.append("###\n4. Type:").toString();
  }
}
