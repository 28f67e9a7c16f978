package org.medinstruct.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with multi-megabyte instructions (one "sentence", no full stop) still gets its report: the
 * verb-noun tagger and the nearest-neighbour ROUGE-L read a capped head of each text. Before the
 * cap, tagging one such text took minutes and two of them made the LCS quadratic in megabytes.
 */
class LongTextReportTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void givenTwoMultiMegabyteInstructions_reportIsWrittenAndScoresThemOnTheirHeads()
      throws IOException {
    String[] words =
        "patient reports chest pain dyspnea fever cough nausea headache fatigue".split(" ");
    Random r = new Random(7);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String instruction;
      if (i == 3 || i == 8) {
        StringBuilder b = new StringBuilder("Summarize this note");
        while (b.length() < 2_000_000) {
          b.append(' ').append(words[r.nextInt(words.length)]);
        }
        instruction = b.toString();
      } else {
        instruction = "Explain the first-line treatment of condition number " + i + ".";
      }
      lines.add(
          "{\"instruction\": \""
              + instruction
              + "\", \"input\": \"<noinput>\", \"output\": \"An answer.\"}");
    }
    Files.write(dir.resolve("medinstruct.jsonl"), lines);

    Path report = ReportWriter.write(dir);

    assertTrue(Files.size(report) > 0);
    NearestRouge.Result scores =
        NearestRouge.compute(List.of(lines.get(3), lines.get(8), lines.get(0)));
    assertEquals(3, scores.compared());
    assertTrue(scores.scores().get(0) > 0.2, "the two long texts share words: " + scores.scores());
    assertEquals("summarize", VerbNounExtractor.get().extract(lines.get(3).substring(17)).verb());
  }
}
