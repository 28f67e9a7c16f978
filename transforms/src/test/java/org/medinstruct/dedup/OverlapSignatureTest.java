package org.medinstruct.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OverlapSignatureTest {
  private static int[] randomElements(Random rnd, int length, int universe) {
    TreeSet<Integer> set = new TreeSet<>();
    while (set.size() < length) {
      set.add(rnd.nextInt(universe));
    }
    return set.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The exact overlap of two sets of distinct elements, by set lookup (the reference). */
  private static int overlap(int[] x, int[] y) {
    Set<Integer> ys = IntStream.of(y).boxed().collect(Collectors.toSet());
    return (int) IntStream.of(x).filter(ys::contains).count();
  }

  @Test
  void overlapBound_isNeverBelowTheTrueOverlap_evenWhenElementsShareBits() {
    Random rnd = new Random(5);
    for (int trial = 0; trial < 50_000; trial++) {
      // Small universes make records overlap a lot; long records force bit collisions.
      int universe = 40 + rnd.nextInt(5000);
      int[] x = randomElements(rnd, 1 + rnd.nextInt(Math.min(universe, 300)), universe);
      int[] y = randomElements(rnd, 1 + rnd.nextInt(Math.min(universe, 300)), universe);
      int bound = OverlapSignature.of(x).overlapBound(OverlapSignature.of(y));
      int exact = overlap(x, y);
      assertTrue(bound >= exact, "bound " + bound + " < overlap " + exact + " at trial " + trial);
    }
  }

  @Test
  void overlapBound_ofInstructionSizedRecords_isWithinAboutOneOfTheOverlap() {
    Random rnd = new Random(9);
    long slack = 0;
    int trials = 20_000;
    for (int trial = 0; trial < trials; trial++) {
      int[] x = randomElements(rnd, 22, 2000);
      int[] y = randomElements(rnd, 22, 2000);
      slack += OverlapSignature.of(x).overlapBound(OverlapSignature.of(y)) - overlap(x, y);
    }
    assertTrue(slack < 2L * trials, "mean slack " + (double) slack / trials);
  }

  @Test
  void overlapBound_ofRecordsWithoutCollisions_isTheirOverlap() {
    int[] x = {1, 2, 3, 4, 5};
    int[] y = {3, 4, 5, 6, 7, 8};
    assertEquals(0, OverlapSignature.of(x).lost);
    assertEquals(3, OverlapSignature.of(x).overlapBound(OverlapSignature.of(y)));
  }

  @Test
  void overlapBound_countsElementsThatShareABitWithinARecord() {
    // Two elements on one bit: the signature alone would count one.
    int a = 7;
    int b = a + 1;
    while (OverlapSignature.bit(b) != OverlapSignature.bit(a)) {
      b++;
    }
    int[] x = {a, b};
    OverlapSignature s = OverlapSignature.of(x);
    assertEquals(1, s.lost);
    assertEquals(2, s.overlapBound(OverlapSignature.of(x)));
  }
}
