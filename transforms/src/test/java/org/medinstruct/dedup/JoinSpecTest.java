package org.medinstruct.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JoinSpecTest {
  private static JoinSpec spec(double threshold) {
    return new JoinSpec(
        DedupPolicy.GREEDY, threshold, Double.POSITIVE_INFINITY, true, 1, 0, 1, null);
  }

  @Test
  void maxPartnerLength_isTheLastLengthThePositionFilterLetsThrough() {
    for (double t : new double[] {0.7, 0.5, 0.35, 0.9, 0.99}) {
      JoinSpec spec = spec(t);
      for (int a = 1; a <= 100; a++) {
        for (int pos = 0; pos < a; pos++) {
          int longest = spec.maxPartnerLength(a, pos);
          // The join's position filter keeps a pair only if required(a, b) <= a - pos.
          for (int b = 1; b <= 260; b++) {
            boolean passes = spec.required(a, b) <= a - pos;
            assertEquals(passes, b <= longest, "t=" + t + " a=" + a + " pos=" + pos + " b=" + b);
          }
        }
      }
    }
  }

  @Test
  void maxPartnerLength_atTheDefaultThreshold_shrinksAsTheFirstCommonElementMovesRight() {
    JoinSpec spec = spec(0.7);
    // 22 tokens: F > 0.7 with a partner of length b needs an LCS of ceil(0.35 (22 + b)).
    assertEquals(40, spec.maxPartnerLength(22, 0));
    assertEquals(26, spec.maxPartnerLength(22, 5));
    assertTrue(spec.maxPartnerLength(22, 8) < 22, "only shorter partners remain");
  }

  private static Rec cand(String key) {
    return new Rec(false, key, -1, new int[] {1}, new int[] {1}, null);
  }

  @Test
  void usesHalf_underGreedyWithoutNeighbours_onlyForEarlierPartnersAndPool() {
    JoinSpec greedy = spec(0.7);
    assertTrue(greedy.usesHalf(cand("k5"), cand("k3"), 0.8), "an earlier partner can knock k5 out");
    assertEquals(false, greedy.usesHalf(cand("k3"), cand("k5"), 0.8), "a later one never can");
    assertTrue(
        greedy.usesHalf(
            cand("k3"), new Rec(true, null, 0, new int[] {1}, new int[] {1}, null), 0.8));
    JoinSpec withFloor = new JoinSpec(DedupPolicy.GREEDY, 0.7, 0.5, true, 1, 0, 1, null);
    assertTrue(withFloor.usesHalf(cand("k3"), cand("k5"), 0.6), "a later one can be the nearest");
    JoinSpec dropAll =
        new JoinSpec(DedupPolicy.DROP_ALL, 0.7, Double.POSITIVE_INFINITY, true, 1, 0, 1, null);
    assertTrue(dropAll.usesHalf(cand("k3"), cand("k5"), 0.8), "under DROP_ALL any partner knocks");
  }

  @Test
  void shardOfSplitElement_sendsARecordToAtMostBlockGroupsShardsAndCoversEverySubKeyOnce() {
    JoinSpec spec =
        new JoinSpec(DedupPolicy.GREEDY, 0.7, Double.POSITIVE_INFINITY, true, 1, 0, 256, null);
    assertEquals(JoinSpec.MAX_BLOCK_GROUPS, spec.blockGroups);
    for (int m : new int[] {1, 2, 11, 12, 13, 40, 300}) {
      java.util.Set<Integer> all = new java.util.HashSet<>();
      for (int b = 0; b < m; b++) {
        java.util.Set<Integer> mine = new java.util.HashSet<>();
        for (int j = 0; j < m; j++) {
          int s = spec.shardOf(9, Math.min(b, j), Math.max(b, j), m);
          // (b, j) and (j, b) are one sub-key: both records compute the same shard for it.
          assertEquals(s, spec.shardOf(9, Math.min(j, b), Math.max(j, b), m));
          mine.add(s);
        }
        assertTrue(mine.size() <= Math.min(m, JoinSpec.MAX_BLOCK_GROUPS), "m=" + m);
        all.addAll(mine);
      }
      // A heavily split element still spreads over many shards (12 groups: 78 group pairs).
      if (m >= 40) {
        assertTrue(all.size() >= 50, "m=" + m + " shards=" + all.size());
      }
    }
  }
}
