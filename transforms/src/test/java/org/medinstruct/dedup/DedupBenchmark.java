package org.medinstruct.dedup;

import java.util.List;
import java.util.Locale;

/**
 * Prints figures for the dedup engine on a synthetic corpus (not a test): {@code --n=52000
 * --pool=167 --policy=greedy --threshold=0.7 --algorithm=prefix --seed=1 --threads=2
 * --writeJsonl=FILE} (the last writes the corpus as JSONL and exits).
 */
public final class DedupBenchmark {
  private DedupBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = 52_000;
    int poolSize = 167;
    long seed = 1;
    int threads = Runtime.getRuntime().availableProcessors();
    double threshold = 0.7;
    double floor = SimilarityDedup.DEFAULT_NEIGHBOUR_FLOOR;
    DedupPolicy policy = DedupPolicy.GREEDY;
    DedupAlgorithm algorithm = DedupAlgorithm.PREFIX;
    String writeJsonl = null;
    for (String a : args) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      String v = kv.length > 1 ? kv[1] : "";
      switch (kv[0]) {
        case "n" -> n = Integer.parseInt(v.replace("_", ""));
        case "pool" -> poolSize = Integer.parseInt(v);
        case "seed" -> seed = Long.parseLong(v);
        case "threads" -> threads = Integer.parseInt(v);
        case "threshold" -> threshold = Double.parseDouble(v);
        case "neighbourFloor" -> floor = Double.parseDouble(v);
        case "policy" -> policy = DedupPolicy.parse(v);
        case "algorithm" -> algorithm = DedupAlgorithm.parse(v);
        case "writeJsonl" -> writeJsonl = v;
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    long t0 = System.nanoTime();
    List<String> all = SyntheticInstructions.generate(n + poolSize, seed);
    if (writeJsonl != null) {
      writeJsonl(all.subList(poolSize, all.size()), all.subList(0, poolSize), writeJsonl);
      return;
    }
    long t1 = System.nanoTime();
    SimilarityDedup engine =
        SimilarityDedup.create()
            .withAlgorithm(algorithm)
            .withThreads(threads)
            .withNeighbourFloor(floor);
    DedupResult r =
        engine.dedup(
            all.subList(0, poolSize), all.subList(poolSize, all.size()), policy, threshold);
    long t2 = System.nanoTime();
    long peakHeap = 0;
    for (java.lang.management.MemoryPoolMXBean pool :
        java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "N=%d pool=%d policy=%s algorithm=%s threads=%d kept=%d dropped=%d generateMs=%d"
            + " dedupMs=%d peakHeapMB=%d%n  %s%n",
        n,
        poolSize,
        policy,
        algorithm,
        threads,
        r.keptCount(),
        n - r.keptCount(),
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000,
        peakHeap >> 20,
        r.stats().summary());
  }

  private static void writeJsonl(List<String> candidates, List<String> pool, String file)
      throws java.io.IOException {
    com.google.gson.Gson gson = new com.google.gson.Gson();
    try (java.io.Writer w = java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(file))) {
      for (int i = 0; i < candidates.size(); i++) {
        w.write(
            gson.toJson(
                java.util.Map.of(
                    "instruction", candidates.get(i), "input", "<noinput>", "id", "syn-" + i)));
        w.write('\n');
      }
    }
    try (java.io.Writer w =
        java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(file + ".pool.jsonl"))) {
      for (String p : pool) {
        w.write(gson.toJson(java.util.Map.of("instruction", p)));
        w.write('\n');
      }
    }
  }
}
