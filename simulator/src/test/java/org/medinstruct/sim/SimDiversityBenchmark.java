package org.medinstruct.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.medinstruct.dedup.RougeL;

/**
 * Benchmark (not a test): generates tasks as the simulator writes them for many prompts and prints
 * the fraction of instructions whose ROUGE-L (org.medinstruct.dedup.RougeL) to an earlier one
 * exceeds 0.7. Args: task counts to report at (default 5000 20000), defectRate (default 0.03).
 *
 * <p>Run (after {@code mvn -o -q -pl transforms test-compile dependency:build-classpath
 * -Dmdep.outputFile=/tmp/cp.txt}): {@code java -cp
 * transforms/target/test-classes:transforms/target/classes:$(cat /tmp/cp.txt)
 * org.medinstruct.sim.SimDiversityBenchmark 20000 0.03}. Set SHOW_PAIRS=1 to print colliding pairs,
 * SHOW_HEADS=1 for the most colliding instruction openings.
 */
public final class SimDiversityBenchmark {
  public static void main(String[] args) {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
    double rate = args.length > 1 ? Double.parseDouble(args[1]) : 0.03;
    List<String> seeds = SimPrompts.seedInstructions();
    SplittableRandom r = new SplittableRandom(7);
    List<String> instructions = new ArrayList<>();
    long t0 = System.nanoTime();
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
    System.out.printf("generated %d tasks in %d ms%n", total, (System.nanoTime() - t0) / 1_000_000);
    Map<String, Integer> ids = new HashMap<>();
    List<int[]> toks = new ArrayList<>();
    List<int[]> sorted = new ArrayList<>();
    int collisions = 0;
    // The pipeline's dedup pool starts with the seed tasks, so near-copies of seeds count too.
    for (String seed : seeds) {
      int[] a =
          RougeL.tokenize(seed).stream()
              .mapToInt(w -> ids.computeIfAbsent(w, k -> ids.size()))
              .toArray();
      int[] as = a.clone();
      java.util.Arrays.sort(as);
      toks.add(a);
      sorted.add(as);
    }
    int offset = seeds.size();
    Map<String, Integer> heads = new HashMap<>();
    for (int i = 0; i < instructions.size(); i++) {
      int[] a =
          RougeL.tokenize(instructions.get(i)).stream()
              .mapToInt(w -> ids.computeIfAbsent(w, k -> ids.size()))
              .toArray();
      int[] as = a.clone();
      java.util.Arrays.sort(as);
      boolean hit = false;
      for (int j = 0; j < i + offset && !hit; j++) {
        int[] b = toks.get(j);
        int bound = common(as, sorted.get(j));
        if (RougeL.fmeasure(bound, b.length, a.length) <= 0.7) {
          continue;
        }
        hit = RougeL.fmeasure(lcs(a, b), b.length, a.length) > 0.7;
        if (hit && System.getenv("SHOW_PAIRS") != null && collisions < 40) {
          System.out.println(
              (j < offset ? "SEED " + seeds.get(j) : instructions.get(j - offset))
                  + "\n  ~ "
                  + instructions.get(i));
        }
      }
      if (hit) {
        collisions++;
        if (System.getenv("SHOW_HEADS") != null) {
          String[] w = instructions.get(i).split(" ");
          heads.merge(
              w[0] + " " + (w.length > 1 ? w[1] : "") + " " + (w.length > 2 ? w[2] : ""),
              1,
              Integer::sum);
        }
      }
      toks.add(a);
      sorted.add(as);
      if (i + 1 == 5000 || i + 1 == 10000 || i + 1 == instructions.size()) {
        System.out.printf(
            "tasks=%d  ROUGE-L>0.7 to an earlier task: %d (%.1f%%)%n",
            i + 1, collisions, 100.0 * collisions / (i + 1));
      }
    }
    heads.entrySet().stream()
        .sorted((x, y) -> y.getValue() - x.getValue())
        .limit(40)
        .forEach(e -> System.out.println(e.getValue() + "  " + e.getKey()));
  }

  /** Multiset intersection size of two sorted arrays: an upper bound on the LCS. */
  static int common(int[] a, int[] b) {
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        n++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return n;
  }

  static int lcs(int[] a, int[] b) {
    int[] prev = new int[b.length + 1];
    int[] cur = new int[b.length + 1];
    for (int i = 1; i <= a.length; i++) {
      for (int j = 1; j <= b.length; j++) {
        cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length];
  }
}
