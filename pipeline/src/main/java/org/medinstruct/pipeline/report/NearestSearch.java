package org.medinstruct.pipeline.report;

import org.medinstruct.dedup.BitLcs;
import org.medinstruct.dedup.RougeL;

/**
 * The best ROUGE-L F of one document against all others, without an LCS for most of them. The
 * multiset of shared tokens bounds the LCS from above, so F = 2·lcs/(a+b) is at most 2·s/(a+b) for
 * s shared tokens, and at most 2·s/(a+s) for any other document with s shared tokens. The shared
 * counts come from the inverted index; documents are visited from the most shared tokens down and
 * the LCS (bit-parallel) runs only where the bound can still beat the best so far. Not thread-safe:
 * one per thread.
 */
final class NearestSearch {
  /**
   * {@link RougeL#fmeasure} and 2·lcs/(a+b) are the same real number computed two ways; their
   * doubles differ by a few ulps at most. A document is skipped only if its bound is below the best
   * by more than this, so the result is the exact maximum over all documents.
   */
  private static final double SLACK = 1e-9;

  /** Below the gap between distinct fractions p/q, q &le; 1024 (about 9.5e-7), above any ulp. */
  private static final double GRID_GAP = 1e-7;

  private final TokenPostings index;
  private final BitLcs bits;
  private final int[] queryCount; // by token id, zero between calls
  private final int[] shared; // by document, zero between calls
  private final int[] touched;
  private final int[] bucketEnd;
  private final int[] order;
  private final int[] scoredDoc;
  private final double[] scoredBound;
  private final double[] scoredF;
  private final long[] replay;
  private int scored;

  NearestSearch(TokenPostings index, int maxTokens) {
    this.index = index;
    this.bits = new BitLcs(index.vocabulary);
    this.queryCount = new int[index.vocabulary];
    this.shared = new int[index.docsTokens.length];
    this.touched = new int[index.docsTokens.length];
    this.order = new int[index.docsTokens.length];
    this.scoredDoc = new int[index.docsTokens.length];
    this.scoredBound = new double[index.docsTokens.length];
    this.scoredF = new double[index.docsTokens.length];
    this.replay = new long[index.docsTokens.length];
    this.bucketEnd = new int[maxTokens + 2];
  }

  /**
   * The best {@code RougeL.fmeasure(lcs, other, doc)} over every other document, or 0, exactly as
   * the plain scan in document order that skips a document when its bound is {@code <=} the best so
   * far would give it, including that scan's ulp-level ties (see {@link #replayInDocumentOrder}).
   */
  double nearest(int doc) {
    int[] a = index.docsTokens[doc];
    if (a.length == 0) {
      return 0;
    }
    int n = gatherShared(doc, a);
    sortBySharedDescending(n, a.length);
    bits.load(a);
    double best = 0;
    scored = 0;
    for (int k = 0; k < n; k++) {
      int d = order[k];
      int s = shared[d];
      if (2.0 * s / (a.length + s) + SLACK < best) {
        break; // the bound grows with s, and s only falls from here
      }
      int[] b = index.docsTokens[d];
      double bound = 2.0 * s / (a.length + b.length);
      if (bound + SLACK < best) {
        continue;
      }
      // RougeL.fmeasure(lcs, target, prediction): the other instruction is the target.
      double f = RougeL.fmeasure(bits.lcs(b), b.length, a.length);
      scoredDoc[scored] = d;
      scoredBound[scored] = bound;
      scoredF[scored++] = f;
      best = Math.max(best, f);
    }
    for (int k = 0; k < n; k++) {
      shared[touched[k]] = 0;
    }
    return replayInDocumentOrder(best);
  }

  /**
   * {@code fmeasure} and the bound 2·s/(a+b) are the same kind of real number computed two ways, so
   * a document whose double F is one ulp above its double bound exists, and the plain scan skips it
   * when the best so far equals that bound: its result depends on the order. Both are fractions
   * with denominators of at most 2·{@link NearestRouge#MAX_TOKENS}, so distinct values differ by
   * more than 9e-7: only documents whose bound is at least the maximum {@code max} can meet such a
   * tie, every other document scores below all of them, and all of them were scored above. Their
   * scan, in document order with the plain scan's rule, gives the plain scan's result.
   */
  private double replayInDocumentOrder(double max) {
    int m = 0;
    for (int k = 0; k < scored; k++) {
      if (scoredBound[k] >= max - GRID_GAP) {
        replay[m++] = ((long) scoredDoc[k] << 32) | k;
      }
    }
    java.util.Arrays.sort(replay, 0, m);
    double best = 0;
    for (int r = 0; r < m; r++) {
      int k = (int) replay[r];
      if (scoredBound[k] > best) {
        best = Math.max(best, scoredF[k]);
      }
    }
    return best;
  }

  /** Fills {@code shared} for every document sharing a token with {@code a}; returns how many. */
  private int gatherShared(int doc, int[] a) {
    for (int t : a) {
      queryCount[t]++;
    }
    int n = 0;
    for (int t : a) {
      int c = queryCount[t];
      if (c == 0) {
        continue; // a repeated token, already counted
      }
      queryCount[t] = 0;
      for (int p = index.from(t), end = index.to(t); p < end; p++) {
        int d = index.doc(p);
        if (d == doc) {
          continue;
        }
        if (shared[d] == 0) {
          touched[n++] = d;
        }
        shared[d] += Math.min(c, index.count(p));
      }
    }
    return n;
  }

  /** Counting sort of the touched documents into {@code order}, most shared tokens first. */
  private void sortBySharedDescending(int n, int maxShared) {
    java.util.Arrays.fill(bucketEnd, 0, maxShared + 2, 0);
    for (int k = 0; k < n; k++) {
      bucketEnd[maxShared - shared[touched[k]] + 1]++;
    }
    for (int s = 1; s <= maxShared + 1; s++) {
      bucketEnd[s] += bucketEnd[s - 1];
    }
    for (int k = 0; k < n; k++) {
      order[bucketEnd[maxShared - shared[touched[k]]]++] = touched[k];
    }
  }
}
