package org.medinstruct.dedup;

import java.util.List;
import org.medinstruct.dedup.DedupResult.Neighbour;
import org.medinstruct.dedup.DedupResult.Source;

/**
 * Exact ROUGE-L near-duplicate removal (rouge_score semantics, see {@link RougeL}) without an
 * all-pairs comparison.
 *
 * <p>Inputs: pool texts (seeds, earlier rounds, benchmark items; they only knock candidates out and
 * are never output) and candidate texts in their deterministic order. Output: a {@link DedupResult}
 * per candidate (kept flag, nearest item, nearest pool item; see its Javadoc for the exact meaning
 * of "nearest"). A pair is similar when F &gt; threshold, strictly, with F computed exactly as
 * rouge_score does in double precision. Empty token lists score 0 against everything.
 *
 * <p>Similar pairs come from {@link PrefixJoin} (or all pairs with {@link
 * DedupAlgorithm#BRUTEFORCE}); the greedy policy is then resolved by one pass in order over the
 * sparse graph of similar pairs, which equals the sequential definition because a candidate's fate
 * only depends on earlier candidates.
 */
public final class SimilarityDedup {
  public static final double DEFAULT_THRESHOLD = 0.7;
  public static final double DEFAULT_NEIGHBOUR_FLOOR = 0.5;
  public static final int DEFAULT_EXACT_POOL_LIMIT = 5000;

  private final DedupAlgorithm algorithm;
  private final double neighbourFloor;
  private final int exactPoolLimit;
  private final int threads;

  private SimilarityDedup(
      DedupAlgorithm algorithm, double neighbourFloor, int exactPoolLimit, int threads) {
    this.algorithm = algorithm;
    this.neighbourFloor = neighbourFloor;
    this.exactPoolLimit = exactPoolLimit;
    this.threads = threads;
  }

  /** Prefix algorithm, floor 0.5, exact nearest pool item for pools up to 5000, all cores. */
  public static SimilarityDedup create() {
    return new SimilarityDedup(
        DedupAlgorithm.PREFIX,
        DEFAULT_NEIGHBOUR_FLOOR,
        DEFAULT_EXACT_POOL_LIMIT,
        Runtime.getRuntime().availableProcessors());
  }

  public SimilarityDedup withAlgorithm(DedupAlgorithm a) {
    return new SimilarityDedup(a, neighbourFloor, exactPoolLimit, threads);
  }

  /** Kept candidates report other candidates with F &ge; floor; a floor above 1 turns it off. */
  public SimilarityDedup withNeighbourFloor(double floor) {
    if (!(floor > 0)) {
      throw new IllegalArgumentException("neighbourFloor must be > 0, got " + floor);
    }
    return new SimilarityDedup(algorithm, floor, exactPoolLimit, threads);
  }

  public SimilarityDedup withExactPoolLimit(int limit) {
    return new SimilarityDedup(algorithm, neighbourFloor, limit, threads);
  }

  public SimilarityDedup withThreads(int n) {
    return new SimilarityDedup(algorithm, neighbourFloor, exactPoolLimit, Math.max(1, n));
  }

  /** Shorthand for {@code create().run(...)}. */
  public static DedupResult run(
      List<String> pool, List<String> candidates, DedupPolicy policy, double threshold) {
    return create().dedup(pool, candidates, policy, threshold);
  }

  /** Shorthand for {@code create().decontaminateAgainst(...)}. */
  public static DedupResult decontaminate(
      List<String> evaluationSet, List<String> candidates, double threshold) {
    return create().decontaminateAgainst(evaluationSet, candidates, threshold);
  }

  public DedupResult dedup(
      List<String> pool, List<String> candidates, DedupPolicy policy, double threshold) {
    checkThreshold(threshold);
    long start = System.nanoTime();
    if (algorithm == DedupAlgorithm.BRUTEFORCE) {
      return BruteForce.dedup(
          pool, candidates, policy, threshold, neighbourFloor, exactPoolLimit, start);
    }
    TokenCorpus corpus = TokenCorpus.of(pool, candidates);
    boolean exactPool = pool.size() <= exactPoolLimit;
    SimilarityGraph graph =
        SimilarityGraph.of(
            corpus, PrefixJoin.run(corpus, threshold, neighbourFloor, true, true, threads));
    Neighbour[] nearestPool = exactPool ? PoolScan.nearest(corpus, threads) : graph.bestPoolEdges();
    long poolPairs = exactPool ? (long) pool.size() * candidates.size() : 0;
    int n = candidates.size();
    boolean[] kept = new boolean[n];
    Neighbour[] nearest = new Neighbour[n];
    for (int i = 0; i < n; i++) {
      Neighbour knocker = graph.bestPoolAbove(i, threshold);
      Neighbour fromCandidates =
          policy == DedupPolicy.GREEDY
              ? graph.bestCandidateAbove(i, threshold, kept, true)
              : graph.bestCandidateAbove(i, threshold, null, false);
      if (fromCandidates != null && (knocker == null || fromCandidates.score() > knocker.score())) {
        knocker = fromCandidates;
      }
      kept[i] = knocker == null;
      nearest[i] = kept[i] ? graph.bestCandidateAtLeast(i, neighbourFloor) : knocker;
    }
    return new DedupResult(
        kept, nearest, nearestPool, graph.stats(corpus.size(), poolPairs, millisSince(start)));
  }

  /**
   * Drops candidates with F &gt; threshold against any evaluation item; no candidate-candidate
   * comparison. {@code nearest} of a dropped candidate is the best matching evaluation item (POOL
   * source, lowest index on ties); kept candidates have no nearest. {@code nearestPool} equals
   * {@code nearest}.
   */
  public DedupResult decontaminateAgainst(
      List<String> evaluationSet, List<String> candidates, double threshold) {
    checkThreshold(threshold);
    long start = System.nanoTime();
    if (algorithm == DedupAlgorithm.BRUTEFORCE) {
      return BruteForce.decontaminate(evaluationSet, candidates, threshold, start);
    }
    TokenCorpus corpus = TokenCorpus.of(evaluationSet, candidates);
    SimilarityGraph graph =
        SimilarityGraph.of(
            corpus,
            PrefixJoin.run(corpus, threshold, Double.POSITIVE_INFINITY, true, false, threads));
    int n = candidates.size();
    boolean[] kept = new boolean[n];
    Neighbour[] match = new Neighbour[n];
    for (int i = 0; i < n; i++) {
      match[i] = graph.bestPoolAbove(i, threshold);
      kept[i] = match[i] == null;
    }
    return new DedupResult(kept, match, match, graph.stats(corpus.size(), 0, millisSince(start)));
  }

  private static void checkThreshold(double threshold) {
    checkThreshold("threshold", threshold);
  }

  /**
   * The one range check of a similarity threshold (dedup or decontamination; a pair is similar when
   * ROUGE-L F &gt; threshold): {@code name} must be in [0, 1].
   */
  public static void checkThreshold(String name, double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + threshold);
    }
  }

  static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  static boolean better(Neighbour candidate, Neighbour best) {
    return best == null || candidate.score() > best.score();
  }

  static Neighbour pool(int index, double score) {
    return new Neighbour(Source.POOL, index, score);
  }

  static Neighbour candidate(int index, double score) {
    return new Neighbour(Source.CANDIDATE, index, score);
  }
}
