package org.medinstruct.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.medinstruct.model.MedTask;

/**
 * Picks the seeds for one generation request. Input: the seed list, k, the run seed and the request
 * index. Output: k distinct seeds (without replacement) in draw order. The draw depends only on
 * (runSeed, requestIndex) and the seed list, so a re-run or a retried bundle picks the same seeds
 * on any worker. Failure: IllegalArgumentException when k is negative or larger than the seed list.
 */
public final class SeedSampler {
  private SeedSampler() {}

  public static List<MedTask> sample(List<MedTask> seeds, int k, long runSeed, long requestIndex) {
    if (k < 0 || k > seeds.size()) {
      throw new IllegalArgumentException("cannot sample " + k + " seeds from " + seeds.size());
    }
    SplittableRandom random = new SplittableRandom(mix(runSeed, requestIndex));
    int[] order = new int[seeds.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    List<MedTask> picked = new ArrayList<>(k);
    // Partial Fisher-Yates: the first k slots become a uniform sample without replacement.
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(order.length - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
      picked.add(seeds.get(order[i]));
    }
    return List.copyOf(picked);
  }

  /** Stafford variant 13 mixing (as in SplittableRandom) of both values. */
  static long mix(long runSeed, long requestIndex) {
    return mix64(mix64(runSeed) ^ (requestIndex * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L));
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
