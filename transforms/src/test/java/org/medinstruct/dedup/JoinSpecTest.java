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
}
