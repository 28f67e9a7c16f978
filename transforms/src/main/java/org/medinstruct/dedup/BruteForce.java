package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.List;
import org.medinstruct.dedup.DedupResult.Neighbour;
import org.medinstruct.dedup.DedupResult.Source;

/**
 * The reference path: every pair scored with {@link RougeL#score(List, List)} (the simple dynamic
 * programme) and the policies applied literally as defined, candidate by candidate. Quadratic; for
 * tests and small inputs.
 */
final class BruteForce {
  private BruteForce() {}

  static DedupResult dedup(
      List<String> poolTexts,
      List<String> candidateTexts,
      DedupPolicy policy,
      double t,
      double floor,
      int exactPoolLimit,
      long start) {
    List<List<String>> pool = tokenize(poolTexts);
    List<List<String>> cands = tokenize(candidateTexts);
    int n = cands.size();
    boolean[] kept = new boolean[n];
    Neighbour[] nearest = new Neighbour[n];
    Neighbour[] nearestPool = new Neighbour[n];
    long pairs = 0;
    for (int i = 0; i < n; i++) {
      Neighbour knocker = null;
      Neighbour bestPool = null;
      for (int p = 0; p < pool.size(); p++) {
        double f = RougeL.score(pool.get(p), cands.get(i));
        pairs++;
        knocker = better(knocker, Source.POOL, p, f, f > t);
        boolean eligible = pool.size() <= exactPoolLimit ? f > 0 : (f > t || f >= floor);
        bestPool = better(bestPool, Source.POOL, p, f, eligible);
      }
      Neighbour bestOther = null;
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        double f = RougeL.score(cands.get(j), cands.get(i));
        pairs++;
        boolean canKnock = policy == DedupPolicy.DROP_ALL || (j < i && kept[j]);
        knocker = better(knocker, Source.CANDIDATE, j, f, canKnock && f > t);
        bestOther = better(bestOther, Source.CANDIDATE, j, f, f >= floor);
      }
      kept[i] = knocker == null;
      nearest[i] = kept[i] ? bestOther : knocker;
      nearestPool[i] = bestPool;
    }
    return new DedupResult(
        kept,
        nearest,
        nearestPool,
        new DedupStats(
            pool.size() + n, pairs, pairs, 0, 0, 0, 0, SimilarityDedup.millisSince(start)));
  }

  static DedupResult decontaminate(
      List<String> evaluationTexts, List<String> candidateTexts, double t, long start) {
    List<List<String>> eval = tokenize(evaluationTexts);
    List<List<String>> cands = tokenize(candidateTexts);
    int n = cands.size();
    boolean[] kept = new boolean[n];
    Neighbour[] match = new Neighbour[n];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < eval.size(); p++) {
        double f = RougeL.score(eval.get(p), cands.get(i));
        match[i] = better(match[i], Source.POOL, p, f, f > t);
      }
      kept[i] = match[i] == null;
    }
    long pairs = (long) n * eval.size();
    return new DedupResult(
        kept,
        match,
        match,
        new DedupStats(
            eval.size() + n, pairs, pairs, 0, 0, 0, 0, SimilarityDedup.millisSince(start)));
  }

  /** (source, index, f) when eligible and strictly better than {@code best}, else best. */
  private static Neighbour better(
      Neighbour best, Source source, int index, double f, boolean eligible) {
    return eligible && (best == null || f > best.score()) ? new Neighbour(source, index, f) : best;
  }

  private static List<List<String>> tokenize(List<String> texts) {
    List<List<String>> out = new ArrayList<>(texts.size());
    for (String s : texts) {
      out.add(RougeL.tokenize(s));
    }
    return out;
  }
}
