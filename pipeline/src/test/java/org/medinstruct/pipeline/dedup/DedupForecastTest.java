package org.medinstruct.pipeline.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medinstruct.dedup.JoinEstimate;

class DedupForecastTest {
  private static List<InputRecords.Line> lines(List<String> texts) {
    List<InputRecords.Line> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      out.add(new InputRecords.Line(i + 1, "{}", texts.get(i)));
    }
    return out;
  }

  @Test
  void recordsWithTheirOwnWordsGetAForecastWithoutWarning() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      texts.add("word" + i + " other" + i + " third" + i + " fourth" + i);
    }
    String message = DedupForecast.describe(DedupForecast.estimate(lines(texts), 0.7));
    assertTrue(
        message.startsWith("dedup: the similarity join will check about 0 pairs of records"));
    assertFalse(message.contains("warning"), message);
    assertEquals(0.0, DedupForecast.estimate(lines(texts), 0.7).similarPairs());
  }

  @Test
  void recordsThatShareTheirTokensWarnBeforeStartingAndNameTheOption() {
    // Identical texts: every prefix element is shared by all of them, the densest corpus there is.
    // Sized so that the forecast is twice the warning limit.
    String text = "explain the first line treatment of atrial fibrillation for a nurse";
    int prefix = 6; // at most this many prefix elements for its 11 tokens at 0.7
    double pairs = 2 * DedupForecast.WARN_SLOT_SECONDS * DedupForecast.PAIRS_PER_SECOND_PER_SLOT;
    int n = (int) Math.sqrt(2 * pairs / prefix) + 1;
    List<String> texts = new ArrayList<>(java.util.Collections.nCopies(n, text));
    JoinEstimate e = DedupForecast.estimate(lines(texts), 0.7);
    assertEquals(n, e.records());
    String message = DedupForecast.describe(e);
    assertTrue(
        message.contains("\ndedup: warning: these records share most of their tokens"), message);
    assertTrue(message.contains("--parallelism"), message);
    assertTrue(
        message.contains("\ndedup: warning: about")
            && message.contains("pairs of these records are similar"),
        message);
  }

  @Test
  void durationsReadInTheUnitThatFits() {
    assertEquals("90 s", DedupForecast.duration(90));
    assertEquals("50 min", DedupForecast.duration(3000));
    assertEquals("33.3 h", DedupForecast.duration(120_000));
  }
}
