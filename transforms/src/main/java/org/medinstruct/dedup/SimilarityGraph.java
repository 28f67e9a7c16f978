package org.medinstruct.dedup;

import org.medinstruct.dedup.DedupResult.Neighbour;

/**
 * The sparse graph of scored pairs found by {@link PrefixJoin}, as adjacency lists per candidate:
 * pool partners and candidate partners (both directions). Queries pick the highest score, lowest
 * index on ties.
 */
final class SimilarityGraph {
  private final int[] poolOffset;
  private final int[] poolPartner;
  private final double[] poolScore;
  private final int[] candidateOffset;
  private final int[] candidatePartner;
  private final double[] candidateScore;
  private final PrefixJoin.Output work;
  private final long similarPairs;

  private SimilarityGraph(
      int[] poolOffset,
      int[] poolPartner,
      double[] poolScore,
      int[] candidateOffset,
      int[] candidatePartner,
      double[] candidateScore,
      PrefixJoin.Output work) {
    this.poolOffset = poolOffset;
    this.poolPartner = poolPartner;
    this.poolScore = poolScore;
    this.candidateOffset = candidateOffset;
    this.candidatePartner = candidatePartner;
    this.candidateScore = candidateScore;
    this.work = work;
    this.similarPairs = work.edges().size;
  }

  static SimilarityGraph of(TokenCorpus corpus, PrefixJoin.Output out) {
    int n = corpus.candidateCount();
    int p = corpus.poolSize;
    Edges e = out.edges();
    int[] po = new int[n + 1];
    int[] co = new int[n + 1];
    for (int k = 0; k < e.size; k++) {
      int x = e.first[k], y = e.second[k];
      if (x >= p && y >= p) {
        co[x - p + 1]++;
        co[y - p + 1]++;
      } else {
        po[(x >= p ? x : y) - p + 1]++;
      }
    }
    for (int i = 0; i < n; i++) {
      po[i + 1] += po[i];
      co[i + 1] += co[i];
    }
    int[] pp = new int[po[n]];
    double[] ps = new double[po[n]];
    int[] cp = new int[co[n]];
    double[] cs = new double[co[n]];
    int[] pf = java.util.Arrays.copyOf(po, n);
    int[] cf = java.util.Arrays.copyOf(co, n);
    for (int k = 0; k < e.size; k++) {
      int x = e.first[k], y = e.second[k];
      double f = e.score[k];
      if (x >= p && y >= p) {
        int i = x - p, j = y - p;
        cp[cf[i]] = j;
        cs[cf[i]++] = f;
        cp[cf[j]] = i;
        cs[cf[j]++] = f;
      } else {
        int c = (x >= p ? x : y) - p;
        pp[pf[c]] = x >= p ? y : x;
        ps[pf[c]++] = f;
      }
    }
    return new SimilarityGraph(po, pp, ps, co, cp, cs, out);
  }

  /** Best pool partner with F &gt; t, or null. */
  Neighbour bestPoolAbove(int i, double t) {
    Neighbour best = null;
    for (int k = poolOffset[i]; k < poolOffset[i + 1]; k++) {
      double f = poolScore[k];
      if (f > t && isBetter(f, poolPartner[k], best)) {
        best = SimilarityDedup.pool(poolPartner[k], f);
      }
    }
    return best;
  }

  /**
   * Best candidate partner with F &gt; t; with {@code earlierKeptOnly}, only partners before {@code
   * i} whose {@code kept} flag is set.
   */
  Neighbour bestCandidateAbove(int i, double t, boolean[] kept, boolean earlierKeptOnly) {
    Neighbour best = null;
    for (int k = candidateOffset[i]; k < candidateOffset[i + 1]; k++) {
      int j = candidatePartner[k];
      double f = candidateScore[k];
      if (earlierKeptOnly && (j >= i || !kept[j])) {
        continue;
      }
      if (f > t && isBetter(f, j, best)) {
        best = SimilarityDedup.candidate(j, f);
      }
    }
    return best;
  }

  /** Best candidate partner with F &ge; floor, or null. */
  Neighbour bestCandidateAtLeast(int i, double floor) {
    Neighbour best = null;
    for (int k = candidateOffset[i]; k < candidateOffset[i + 1]; k++) {
      double f = candidateScore[k];
      if (f >= floor && isBetter(f, candidatePartner[k], best)) {
        best = SimilarityDedup.candidate(candidatePartner[k], f);
      }
    }
    return best;
  }

  /** Per candidate, the best pool partner among the found pairs, or null. */
  Neighbour[] bestPoolEdges() {
    Neighbour[] out = new Neighbour[poolOffset.length - 1];
    for (int i = 0; i < out.length; i++) {
      out[i] = bestPoolAbove(i, 0.0);
    }
    return out;
  }

  private static boolean isBetter(double f, int index, Neighbour best) {
    return best == null || f > best.score() || (f == best.score() && index < best.index());
  }

  DedupStats stats(int records, long poolPairsScored, long millis) {
    return new DedupStats(
        records,
        work.candidatePairs(),
        work.verifiedPairs(),
        similarPairs,
        work.postingsScanned(),
        work.maxPostingScan(),
        poolPairsScored,
        millis);
  }
}
