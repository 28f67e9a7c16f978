package org.medinstruct.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JoinEstimateTest {
  private static final JoinSpec SPEC =
      new JoinSpec(DedupPolicy.GREEDY, 0.7, Double.POSITIVE_INFINITY, true, 1, 0, 1, null);

  @Test
  void recordsWithNoSharedTokenGiveNoPairs() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      texts.add("alpha" + i + " beta" + i + " gamma" + i + " delta" + i);
    }
    assertEquals(0.0, JoinEstimate.of(texts, 0.7, 500).candidatePairs());
  }

  @Test
  void identicalRecordsGiveEveryPairOncePerPrefixElementThatCanStillReachTheThreshold() {
    int n = 300;
    String text = "explain the first line treatment of atrial fibrillation for a nurse";
    int length = RougeL.tokenize(text).size();
    List<String> texts = Collections.nCopies(n, text);
    // Every pair meets under each prefix element from whose position the threshold is reachable.
    int reachable = 0;
    for (int pos = 0; pos < SPEC.prefixLength(length); pos++) {
      reachable += length <= SPEC.maxPartnerLength(length, pos) ? 1 : 0;
    }
    assertTrue(reachable > 0 && reachable < SPEC.prefixLength(length), "positions " + reachable);
    double expected = reachable * n * (n - 1) / 2.0;
    assertEquals(expected, JoinEstimate.of(texts, 0.7, n).candidatePairs(), 1e-6);
  }

  @Test
  void aSampleScalesToTheWholeCorpusWithinTenPerCent() {
    Random rnd = new Random(3);
    String[] words = new String[400];
    for (int i = 0; i < words.length; i++) {
      words[i] = "w" + i;
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < 12; k++) {
        // Zipf-like: low indexes are common, as function words are.
        b.append(words[(int) (words.length * Math.pow(rnd.nextDouble(), 3))]).append(' ');
      }
      texts.add(b.toString());
    }
    double full = JoinEstimate.of(texts, 0.7, texts.size()).candidatePairs();
    double sampled = JoinEstimate.of(texts, 0.7, 4_000).candidatePairs();
    assertTrue(full > 1e6, "the corpus shares tokens: " + full);
    assertTrue(Math.abs(sampled / full - 1) < 0.10, sampled + " vs " + full);
  }

  @Test
  void fewerThanTwoRecordsGiveNoPairs() {
    assertEquals(0.0, JoinEstimate.of(List.of(), 0.7, 10).candidatePairs());
    assertEquals(0.0, JoinEstimate.of(List.of("one record"), 0.7, 10).candidatePairs());
  }

  @Test
  void similarPairs_areAllPairsForCopiesAndNoneForRecordsWithTheirOwnWords() {
    List<String> copies = java.util.Collections.nCopies(3_000, "explain the first line treatment");
    assertEquals(3_000 * 2_999 / 2.0, JoinEstimate.of(copies, 0.7, 1_000).similarPairs(), 1e-6);
    List<String> own = new java.util.ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      own.add("word" + i + " other" + i + " third" + i);
    }
    assertEquals(0.0, JoinEstimate.of(own, 0.7, 1_000).similarPairs());
  }

  @Test
  void similarPairs_scaleTheSampledShareOfPairsAboveTheThreshold() {
    // A third of the records are copies of one text, the rest have their own words: a ninth of
    // all pairs (copy-copy) are similar.
    List<String> texts = new java.util.ArrayList<>();
    for (int i = 0; i < 4_000; i++) {
      texts.add(i % 3 == 0 ? "assess the warning signs of sepsis" : "w" + i + " x" + i + " y" + i);
    }
    double all = 4_000 * 3_999 / 2.0;
    assertEquals(1 / 9.0, JoinEstimate.of(texts, 0.7, 2_000).similarPairs() / all, 0.01);
  }
}
