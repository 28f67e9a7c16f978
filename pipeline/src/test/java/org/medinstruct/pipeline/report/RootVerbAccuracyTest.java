package org.medinstruct.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.medinstruct.pipeline.SharedData;

/** The verb chart's root verbs against hand labels of AlpaCare's seed instructions. */
class RootVerbAccuracyTest {
  private static String verb(String instruction) {
    VerbNounExtractor.VerbNoun vn = VerbNounExtractor.get().extract(instruction);
    return vn == null ? "-" : vn.verb();
  }

  @Test
  void onFiftyHandLabelledSeedInstructions_atLeast90PercentOfRootVerbsAreRight()
      throws IOException {
    Optional<Path> seeds = SharedData.alpacare("med_seed.json");
    assumeTrue(seeds.isPresent(), "AlpaCare's med_seed.json is not in the shared data directory");
    JsonArray tasks = JsonParser.parseString(Files.readString(seeds.get())).getAsJsonArray();
    List<String> wrong = new ArrayList<>();
    int labelled = 0;
    try (InputStream in = getClass().getResourceAsStream("root-verbs-med_seed.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        String instruction =
            tasks.get(Integer.parseInt(f[0])).getAsJsonObject().get("instruction").getAsString();
        labelled++;
        String got = verb(instruction);
        if (!got.equals(f[1].strip())) {
          wrong.add(f[0] + ": expected " + f[1] + ", got " + got);
        }
      }
    }
    assertEquals(50, labelled);
    double accuracy = 1.0 - (double) wrong.size() / labelled;
    assertTrue(accuracy >= 0.9, "accuracy " + accuracy + "; wrong: " + wrong);
  }

  @Test
  void participlesOpeningAnInstruction_areNotRootVerbs() {
    assertEquals("explain", verb("Given the patient's history, explain the likely diagnosis."));
    assertEquals("provide", verb("Based on these symptoms, provide a possible diagnosis."));
    assertEquals("summarize", verb("Using the note below, summarize the plan."));
    assertEquals("list", verb("Considering her age, list the screening tests she needs."));
    assertEquals("classify", verb("Given this scenario, classify the stage of the disease."));
  }

  @Test
  void copularQuestion_hasNoRootVerb() {
    assertNull(VerbNounExtractor.get().extract("What is the mechanism of action of aspirin?"));
  }
}
