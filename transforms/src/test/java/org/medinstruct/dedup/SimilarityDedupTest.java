package org.medinstruct.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medinstruct.dedup.DedupResult.Neighbour;
import org.medinstruct.dedup.DedupResult.Source;

class SimilarityDedupTest {
  private static final SimilarityDedup PREFIX = SimilarityDedup.create().withThreads(2);
  private static final SimilarityDedup BRUTE =
      SimilarityDedup.create().withAlgorithm(DedupAlgorithm.BRUTEFORCE);

  @Test
  void givenSevenTokensInsideThirteen_dropsTheLaterAtSeventenths() {
    List<String> c = List.of("a b c d e f g h i j k l m", "A, b; c d e f g!");
    for (SimilarityDedup engine :
        List.of(
            PREFIX,
            BRUTE,
            PREFIX.withNeighbourFloor(Double.POSITIVE_INFINITY),
            PREFIX.withThreads(1))) {
      DedupResult r = engine.dedup(List.of(), c, DedupPolicy.GREEDY, 0.7);
      assertTrue(r.kept(0));
      assertFalse(r.kept(1));
      assertEquals(new Neighbour(Source.CANDIDATE, 0, 0.7000000000000001), r.nearest(1));
    }
  }

  @Test
  void givenExactlySeventenths_keepsBoth() {
    List<String> c = List.of("1 2 3 4 5 6 7 8 9 10", "1 2 3 4 5 6 7 x y z");
    DedupResult r = PREFIX.dedup(List.of(), c, DedupPolicy.DROP_ALL, 0.7);
    assertTrue(r.kept(0));
    assertTrue(r.kept(1));
    assertEquals(new Neighbour(Source.CANDIDATE, 1, 0.7), r.nearest(0));
  }

  @Test
  void givenGreedy_keepsFirstOfAFamilyButDropAllDropsEveryMember() {
    List<String> c =
        List.of(
            "Explain the pathophysiology of type 2 diabetes.",
            "Describe a healthy breakfast for children.",
            "Explain the pathophysiology of type 2 diabetes mellitus.");
    DedupResult greedy = PREFIX.dedup(List.of(), c, DedupPolicy.GREEDY, 0.7);
    assertTrue(greedy.kept(0));
    assertTrue(greedy.kept(1));
    assertFalse(greedy.kept(2));
    assertEquals(0, greedy.nearest(2).index());
    DedupResult dropAll = PREFIX.dedup(List.of(), c, DedupPolicy.DROP_ALL, 0.7);
    assertFalse(dropAll.kept(0));
    assertTrue(dropAll.kept(1));
    assertFalse(dropAll.kept(2));
  }

  @Test
  void givenGreedyChain_droppedMiddleDoesNotKnockOutTheThird() {
    // B is near A and near C, but A and C are not similar: greedy keeps A, drops B, keeps C.
    List<String> c = List.of("a b c d e f g h i j", "a b c d e f g h k l", "m n c d e f g h k l");
    DedupResult r = PREFIX.dedup(List.of(), c, DedupPolicy.GREEDY, 0.7);
    assertTrue(r.kept(0));
    assertFalse(r.kept(1));
    assertTrue(r.kept(2));
    assertEquals(new Neighbour(Source.CANDIDATE, 1, 0.8000000000000002), r.nearest(2));
  }

  @Test
  void givenPoolItem_knocksOutCandidateAndIsReportedAsNearestSeed() {
    List<String> pool = List.of("Describe a healthy breakfast.", "What is insulin resistance?");
    List<String> c = List.of("What is insulin resistance exactly?", "List three causes of anemia.");
    DedupResult r = PREFIX.dedup(pool, c, DedupPolicy.GREEDY, 0.7);
    assertFalse(r.kept(0));
    assertEquals(Source.POOL, r.nearest(0).source());
    assertEquals(1, r.nearest(0).index());
    assertTrue(r.kept(1));
    assertEquals(r.nearest(0), r.nearestPool(0));
    assertNull(r.nearestPool(1));
  }

  @Test
  void givenEmptyAndPunctuationOnly_keepsThemWithNoNeighbours() {
    List<String> c = List.of("", "?!", "", "### ...");
    DedupResult r = PREFIX.dedup(List.of("", "!"), c, DedupPolicy.DROP_ALL, 0.0);
    for (int i = 0; i < c.size(); i++) {
      assertTrue(r.kept(i));
      assertNull(r.nearest(i));
      assertNull(r.nearestPool(i));
    }
  }

  @Test
  void givenThresholdOutsideUnitInterval_isRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PREFIX.dedup(List.of(), List.of("a"), DedupPolicy.GREEDY, 1.5));
    assertThrows(IllegalArgumentException.class, () -> DedupPolicy.parse("keep-some"));
    assertEquals(DedupPolicy.DROP_ALL, DedupPolicy.parse("Drop-All"));
    assertEquals(DedupPolicy.GREEDY, DedupPolicy.parse("GREEDY"));
  }

  @Test
  void givenSyntheticCorpora_prefixJoinDecidesExactlyAsBruteForce() {
    double[][] settings = {
      {0.7, 0.5}, {0.7, Double.POSITIVE_INFINITY}, {0.5, 0.8}, {0.9, 0.3}, {0.0, 0.9}
    };
    for (int seed = 1; seed <= 6; seed++) {
      List<String> all = SyntheticInstructions.generate(280, seed);
      List<String> pool = new ArrayList<>(all.subList(0, 40));
      List<String> candidates = all.subList(40, all.size());
      double[] s = settings[seed % settings.length];
      for (DedupPolicy policy : DedupPolicy.values()) {
        DedupResult fast = PREFIX.withNeighbourFloor(s[1]).dedup(pool, candidates, policy, s[0]);
        DedupResult slow = BRUTE.withNeighbourFloor(s[1]).dedup(pool, candidates, policy, s[0]);
        assertSame(slow, fast, "seed " + seed + " " + policy);
        // A small exact-pool limit switches nearestPool to pairs found by the join.
        assertSame(
            BRUTE
                .withNeighbourFloor(s[1])
                .withExactPoolLimit(10)
                .dedup(pool, candidates, policy, s[0]),
            PREFIX
                .withNeighbourFloor(s[1])
                .withExactPoolLimit(10)
                .dedup(pool, candidates, policy, s[0]),
            "seed " + seed + " " + policy + " small pool limit");
      }
      assertSame(
          BRUTE.decontaminateAgainst(pool, candidates, s[0]),
          PREFIX.decontaminateAgainst(pool, candidates, s[0]),
          "decontaminate seed " + seed);
    }
  }

  @Test
  void givenSyntheticCorpus_someAreDroppedAndSomeKept() {
    List<String> c = SyntheticInstructions.generate(500, 11);
    DedupResult r = PREFIX.dedup(List.of(), c, DedupPolicy.GREEDY, 0.7);
    assertTrue(r.keptCount() > 100 && r.keptCount() < 480, "kept " + r.keptCount());
    assertTrue(r.stats().verifiedPairs() < 500L * 499 / 2 / 10, r.stats().summary());
  }

  @Test
  void givenDecontamination_dropsOnlyCandidatesMatchingTheEvaluationSet() {
    List<String> eval = List.of("What is the first-line treatment of hypertension?");
    List<String> c =
        List.of(
            "What is the first line treatment for hypertension?",
            "What is the first line treatment for hypertension?",
            "Name a beta blocker.");
    DedupResult r = PREFIX.decontaminateAgainst(eval, c, 0.7);
    assertFalse(r.kept(0));
    assertFalse(r.kept(1));
    assertTrue(r.kept(2));
    assertEquals(Source.POOL, r.nearest(1).source());
    assertNull(r.nearest(2));
  }

  private static void assertSame(DedupResult expected, DedupResult actual, String what) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.kept(i), actual.kept(i), what + " kept " + i);
      assertEquals(expected.nearest(i), actual.nearest(i), what + " nearest " + i);
      assertEquals(expected.nearestPool(i), actual.nearestPool(i), what + " nearestPool " + i);
    }
  }
}
