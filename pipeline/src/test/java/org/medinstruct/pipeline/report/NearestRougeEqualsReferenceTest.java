package org.medinstruct.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medinstruct.dedup.RougeL;

/**
 * The indexed, pruned, bit-parallel {@link NearestRouge} gives exactly the values of the plain
 * dynamic-programming version it replaced ({@link NearestRougeReference}), bit for bit, on random
 * and adversarial inputs, in the all-pairs and in the sampled mode.
 */
class NearestRougeEqualsReferenceTest {
  private static final String[] WORDS =
      ("explain the cause of asthma in children describe symptoms list risk factors for diabetes"
              + " a an and or İstanbul KELVIN \u212Aelvin naïve café 2 ２")
          .split(" ");

  private static void assertSameAsReference(List<String> ins) {
    NearestRougeReference.Result want = NearestRougeReference.compute(ins);
    NearestRouge.Result got = NearestRouge.compute(ins);
    assertEquals(want.sampled(), got.sampled());
    assertEquals(want.compared(), got.compared());
    assertEquals(want.scores().size(), got.scores().size());
    for (int i = 0; i < want.scores().size(); i++) {
      assertEquals(
          Double.doubleToLongBits(want.scores().get(i)),
          Double.doubleToLongBits(got.scores().get(i)),
          "query " + i + ": " + want.scores().get(i) + " vs " + got.scores().get(i));
    }
  }

  private static String words(Random rnd, int count, int vocabulary) {
    StringBuilder b = new StringBuilder();
    for (int w = 0; w < count; w++) {
      b.append(WORDS[rnd.nextInt(Math.min(vocabulary, WORDS.length))]).append(' ');
    }
    return b.toString();
  }

  /** Variants of a base text: a few tokens changed, so many pairs score near one another. */
  private static String edit(Random rnd, String base, int edits) {
    List<String> t = new ArrayList<>(List.of(base.split(" ")));
    for (int e = 0; e < edits && !t.isEmpty(); e++) {
      int at = rnd.nextInt(t.size());
      switch (rnd.nextInt(3)) {
        case 0 -> t.set(at, WORDS[rnd.nextInt(WORDS.length)]);
        case 1 -> t.remove(at);
        default -> t.add(at, WORDS[rnd.nextInt(WORDS.length)]);
      }
    }
    return String.join(" ", t);
  }

  @Test
  void randomShortTextsFromSmallVocabularies_equalTheReference() {
    for (int seed = 0; seed < 6; seed++) {
      Random rnd = new Random(seed);
      List<String> ins = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        ins.add(words(rnd, rnd.nextInt(16), 3 + seed * 4));
      }
      assertSameAsReference(ins);
    }
  }

  @Test
  void nearDuplicateFamiliesAcrossWordBoundaries_equalTheReference() {
    // Lengths around 64 and 128 tokens exercise the multi-word bit vectors; repeated tokens the
    // multiset bound; families of edited variants give many ties and near-ties of the best score.
    Random rnd = new Random(11);
    List<String> ins = new ArrayList<>();
    for (int f = 0; f < 40; f++) {
      String base = words(rnd, 1 + rnd.nextInt(200), WORDS.length);
      ins.add(base);
      for (int v = 0; v < 8; v++) {
        ins.add(edit(rnd, base, rnd.nextInt(1 + base.length() / 20)));
      }
    }
    assertSameAsReference(ins);
  }

  @Test
  void degenerateInputs_equalTheReference() {
    String longText = "the ".repeat(600) + "asthma ".repeat(300);
    List<String> ins =
        List.of(
            "",
            "   ",
            "!!! ... ---",
            "the",
            "the",
            "the the the the",
            longText,
            longText + " children",
            "asthma ".repeat(513),
            "\u0130stanbul \u212Aelvin na\u00efve",
            "istanbul kelvin naive",
            "x ".repeat(64),
            "x ".repeat(65),
            "x ".repeat(63) + "y");
    assertSameAsReference(ins);
    assertSameAsReference(List.of("only one"));
    assertSameAsReference(List.of());
  }

  @Test
  void sampledModeAboveTheLimit_equalsTheReferenceOnTheSameSample() {
    Random rnd = new Random(5);
    List<String> ins = new ArrayList<>();
    while (ins.size() <= NearestRouge.ALL_LIMIT) {
      String base = words(rnd, 3 + rnd.nextInt(30), WORDS.length);
      ins.add(base);
      ins.add(edit(rnd, base, 1 + rnd.nextInt(4)));
    }
    assertSameAsReference(ins);
  }

  @Test
  void scoresEqualRougeScoreOnPairs() {
    List<String> ins = List.of("explain the cause of asthma", "explain asthma causes", "list risk");
    NearestRouge.Result got = NearestRouge.compute(ins);
    assertEquals(
        Math.max(RougeL.score(ins.get(1), ins.get(0)), RougeL.score(ins.get(2), ins.get(0))),
        got.scores().get(0),
        0.0);
  }
}
