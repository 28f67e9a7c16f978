package org.medinstruct.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medinstruct.dedup.RougeL;

class NearestRougeTest {
  private static final String[] WORDS =
      "explain the cause of asthma in children describe symptoms list risk factors for diabetes"
          .split(" ");

  @Test
  void givenSmallSet_scoresEqualBruteForceRougeLOverAllPairs() {
    Random rnd = new Random(3);
    List<String> ins = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      StringBuilder b = new StringBuilder();
      for (int w = 0, n = 2 + rnd.nextInt(12); w < n; w++) {
        b.append(WORDS[rnd.nextInt(WORDS.length)]).append(' ');
      }
      ins.add(b.toString());
    }
    NearestRouge.Result res = NearestRouge.compute(ins);
    assertFalse(res.sampled());
    for (int i = 0; i < ins.size(); i++) {
      double best = 0;
      for (int j = 0; j < ins.size(); j++) {
        if (j != i) {
          best = Math.max(best, RougeL.score(ins.get(j), ins.get(i)));
        }
      }
      assertEquals(best, res.scores().get(i), 0.0, "instruction " + i);
    }
  }

  @Test
  void givenMoreThanLimit_samplesDeterministically() {
    List<String> ins = new ArrayList<>();
    for (int i = 0; i < NearestRouge.ALL_LIMIT + 1; i++) {
      ins.add("task " + i);
    }
    NearestRouge.Result a = NearestRouge.compute(ins);
    assertTrue(a.sampled());
    assertEquals(NearestRouge.SAMPLE, a.scores().size());
    // "task N" vs "task M": lcs 1 of 2 tokens each -> F = 0.5 for every instruction.
    assertTrue(a.scores().stream().allMatch(s -> s == 0.5));
  }
}
