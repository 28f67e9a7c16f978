package org.medinstruct.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BitLcsTest {

  @Test
  void givenRandomSequencesOfAllWordCounts_lcsEqualsDynamicProgramme() {
    Random random = new Random(7);
    int alphabet = 12;
    BitLcs lcs = new BitLcs(alphabet);
    int[] lengths = {0, 1, 5, 63, 64, 65, 127, 128, 129, 200, 1100};
    for (int round = 0; round < 300; round++) {
      int[] x = random(random, lengths[random.nextInt(lengths.length)], alphabet);
      int[] y =
          random(
              random,
              random.nextInt(2) == 0 ? random.nextInt(80) : lengths[random.nextInt(lengths.length)],
              alphabet);
      lcs.load(x);
      assertEquals(RougeL.lcs(strings(x), strings(y)), lcs.lcs(y), "round " + round);
    }
  }

  @Test
  void givenReloadedSequence_forgetsThePreviousMasks() {
    BitLcs lcs = new BitLcs(10);
    lcs.load(new int[] {1, 2, 3});
    lcs.load(new int[] {4, 5});
    assertEquals(0, lcs.lcs(new int[] {1, 2, 3}));
    assertEquals(2, lcs.lcs(new int[] {4, 1, 5}));
  }

  private static int[] random(Random random, int length, int alphabet) {
    int[] s = new int[length];
    for (int i = 0; i < length; i++) {
      s[i] = random.nextInt(alphabet);
    }
    return s;
  }

  private static List<String> strings(int[] s) {
    List<String> out = new ArrayList<>();
    for (int t : s) {
      out.add("t" + t);
    }
    return out;
  }
}
