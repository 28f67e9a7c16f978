package org.medinstruct.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.medinstruct.dedup.DedupPolicy;
import org.medinstruct.dedup.DedupResult;
import org.medinstruct.dedup.SimilarityDedup;

/**
 * Benchmark (not a test): the share of N simulated tasks (as {@link SimDiversityBenchmark} makes
 * them, AlpaCare's seeds in the prompts) that greedy exact dedup (ROUGE-L &gt; 0.7 against the
 * seeds and every earlier kept task, {@link SimilarityDedup}) drops, at N/4, N/2 and N. The
 * built-in simulated endpoint is a test double for a paid API. Run like SimDiversityBenchmark:
 * {@code java -cp ... org.medinstruct.sim.SimDedupRateBenchmark 80000}.
 */
public final class SimDedupRateBenchmark {
  public static void main(String[] args) {
    int total = Integer.parseInt(args[0]);
    double rate = 0.03;
    List<String> seeds = SimPrompts.seedInstructions();
    SplittableRandom r = new SplittableRandom(7);
    List<String> instructions = new ArrayList<>();
    for (int req = 0; instructions.size() < total; req++) {
      String prompt = SimPrompts.prompt(seeds, r);
      Pick pick = new Pick(new SplittableRandom(r.nextLong()));
      String completion = new InstructionWriter(pick, rate).write(prompt, 4, 12);
      for (TaskSplitter.Parsed p : TaskSplitter.split(4, completion)) {
        if (p.instruction() != null && instructions.size() < total) {
          instructions.add(p.instruction());
        }
      }
    }
    long t0 = System.nanoTime();
    for (int n : new int[] {total / 4, total / 2, total}) {
      DedupResult d =
          SimilarityDedup.create()
              .withNeighbourFloor(2)
              .withExactPoolLimit(0)
              .dedup(seeds, instructions.subList(0, n), DedupPolicy.GREEDY, 0.7);
      int dropped = 0;
      for (int i = 0; i < n; i++) {
        if (!d.kept(i)) dropped++;
      }
      System.out.printf(
          "n=%d dropped=%d (%.1f%%) %d ms%n",
          n, dropped, 100.0 * dropped / n, (System.nanoTime() - t0) / 1_000_000);
    }
  }
}
