package org.medinstruct.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medinstruct.model.MedTask;

class SeedSamplerTest {
  static final List<MedTask> SEEDS = new ArrayList<>();

  static {
    for (int i = 1; i <= 20; i++) {
      SEEDS.add(
          MedTask.seed(
              "s" + i,
              new MedTask.Labels("Chat", "t", "v", "1"),
              "instruction " + i,
              MedTask.NO_INPUT));
    }
  }

  static List<String> ids(long runSeed, long request) {
    return SeedSampler.sample(SEEDS, 3, runSeed, request).stream().map(MedTask::id).toList();
  }

  @Test
  void givenSameRunSeedAndRequest_returnsSameSeedsInSameOrder() {
    assertEquals(ids(42, 7), ids(42, 7));
  }

  @Test
  void givenDifferentRequestsOrRunSeeds_variesTheSample() {
    assertNotEquals(ids(42, 7), ids(42, 8));
    assertNotEquals(ids(42, 7), ids(43, 7));
    var distinct = new HashSet<List<String>>();
    for (long r = 0; r < 50; r++) {
      distinct.add(ids(1, r));
    }
    assertTrue(distinct.size() > 40, "" + distinct.size());
  }

  @Test
  void sample_isWithoutReplacementAndCoversAllSeeds() {
    var seen = new HashSet<String>();
    for (long r = 0; r < 200; r++) {
      List<String> ids = ids(5, r);
      assertEquals(3, new HashSet<>(ids).size());
      seen.addAll(ids);
    }
    assertEquals(20, seen.size());
    assertEquals(20, new HashSet<>(SeedSampler.sample(SEEDS, 20, 9, 9)).size());
  }

  @Test
  void givenKLargerThanSeeds_throws() {
    assertThrows(IllegalArgumentException.class, () -> SeedSampler.sample(SEEDS, 21, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> SeedSampler.sample(SEEDS, -1, 1, 1));
  }
}
