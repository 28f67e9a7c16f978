package org.medinstruct.dedup;

import java.util.Arrays;
import java.util.List;

/**
 * Finds every record pair with ROUGE-L F &gt; {@code threshold} or F &ge; {@code floor} without
 * comparing all pairs.
 *
 * <p>F = 2·L/(a+b) mathematically, so a pair needs L &ge; ceil(t·(a+b)/2) (relaxed by 1e-6 so the
 * double formula's rounding, e.g. 0.7000000000000001 for an exact 0.7, can never be pruned). L is
 * at most the multiset overlap, so each token occurrence becomes an element (token, k-th
 * occurrence) and the pair must share that many elements. Elements are ordered rarest first;
 * records are processed shortest first and each probes the index with its prefix (AllPairs /
 * PPJoin): length filter (partners shorter than the bound are skipped by binary search on the
 * length-sorted posting list), position filter, then the full multiset overlap bound, then
 * bit-parallel LCS and the exact double F. Probes run in parallel against a prebuilt index of
 * indexing prefixes, each looking only at partners earlier in the length order.
 */
final class PrefixJoin {
  private static final double SLACK = 1e-6;

  /** Pairs found (record ids, second is earlier in the length order) and the work done. */
  record Output(
      Edges edges,
      long candidatePairs,
      long verifiedPairs,
      long postingsScanned,
      long maxPostingScan) {}

  private final TokenCorpus corpus;
  private final double threshold;
  private final double floor;
  private final double joinThreshold;
  private final boolean poolPairs;
  private final boolean candidatePairs;

  private int[][] sortedElements; // by record; null when the record takes no part
  private OverlapSignature[] signatures; // by record; null when the record takes no part
  private int[] recordAt; // by length-order position
  private int[] lengthAt;
  private int[] positionOf; // by record
  private int[] minPartnerLength; // by length
  private PostingIndex poolIndex;
  private PostingIndex candidateIndex;

  /**
   * @param poolPairs whether candidate-pool pairs are wanted
   * @param candidatePairs whether candidate-candidate pairs are wanted
   */
  private PrefixJoin(
      TokenCorpus corpus,
      double threshold,
      double floor,
      boolean poolPairs,
      boolean candidatePairs) {
    this.corpus = corpus;
    this.threshold = threshold;
    this.floor = floor;
    this.joinThreshold = Math.min(threshold, floor);
    this.poolPairs = poolPairs;
    this.candidatePairs = candidatePairs;
  }

  static Output run(
      TokenCorpus corpus,
      double threshold,
      double floor,
      boolean poolPairs,
      boolean candidatePairs,
      int threads) {
    PrefixJoin join = new PrefixJoin(corpus, threshold, floor, poolPairs, candidatePairs);
    if (!poolPairs && !candidatePairs) {
      return new Output(new Edges(), 0, 0, 0, 0);
    }
    join.prepare();
    List<Prober> probers = Parallel.forEach(join.recordAt.length, threads, () -> join.new Prober());
    Edges edges = new Edges();
    long cand = 0, verified = 0, scanned = 0, maxScan = 0;
    for (Prober p : probers) {
      edges.addAll(p.edges);
      cand += p.candidatePairs;
      verified += p.verifiedPairs;
      scanned += p.postingsScanned;
      maxScan = Math.max(maxScan, p.maxPostingScan);
    }
    return new Output(edges, cand, verified, scanned, maxScan);
  }

  /** Least overlap (and LCS) a pair of lengths a, b needs to reach the join threshold. */
  int required(int a, int b) {
    return Math.max(1, (int) Math.ceil(joinThreshold * (a + b) / 2.0 - SLACK));
  }

  boolean wanted(double f) {
    return f > threshold || f >= floor;
  }

  private boolean takesPart(int record) {
    if (corpus.seqs[record].length == 0) {
      return false;
    }
    return record >= corpus.poolSize || poolPairs;
  }

  private void prepare() {
    ElementIds ids = ElementIds.assign(corpus, this::takesPart);
    sortedElements = ids.rankSorted();
    signatures = new OverlapSignature[sortedElements.length];
    for (int r = 0; r < sortedElements.length; r++) {
      if (sortedElements[r] != null) {
        signatures[r] = OverlapSignature.of(sortedElements[r]);
      }
    }
    orderByLength(ids.participants);
    minPartnerLength = minPartnerLengths(ids.maxLength);
    if (poolPairs) {
      poolIndex = new PostingIndex(ids.elementCount, true);
    }
    candidateIndex = new PostingIndex(ids.elementCount, false);
  }

  /** Length order: participants shortest first, then by record id. */
  private void orderByLength(int participants) {
    int records = corpus.size();
    Integer[] byLength = new Integer[participants];
    int n = 0;
    for (int r = 0; r < records; r++) {
      if (sortedElements[r] != null) {
        byLength[n++] = r;
      }
    }
    Arrays.sort(
        byLength,
        (x, y) ->
            corpus.seqs[x].length != corpus.seqs[y].length
                ? Integer.compare(corpus.seqs[x].length, corpus.seqs[y].length)
                : Integer.compare(x, y));
    recordAt = new int[participants];
    lengthAt = new int[participants];
    positionOf = new int[records];
    Arrays.fill(positionOf, -1);
    for (int p = 0; p < participants; p++) {
      recordAt[p] = byLength[p];
      lengthAt[p] = corpus.seqs[byLength[p]].length;
      positionOf[byLength[p]] = p;
    }
  }

  /** By length a: the shortest partner length that can reach the join threshold. */
  private int[] minPartnerLengths(int maxLength) {
    int[] min = new int[maxLength + 1];
    for (int a = 1; a <= maxLength; a++) {
      int b = Math.max(1, (int) (joinThreshold * a / (2 - joinThreshold)) - 3);
      while (b < a && required(a, b) > b) {
        b++;
      }
      min[a] = b;
    }
    return min;
  }

  private int indexPrefixLength(int length) {
    return Math.max(1, length - required(length, length) + 1);
  }

  private int probePrefixLength(int length) {
    return Math.max(1, length - required(length, minPartnerLength[length]) + 1);
  }

  /** Prefix entries of pool or candidate records, by element rank, in length order. */
  private final class PostingIndex {
    final int[] offset;
    final int[] position;
    final int[] at;

    PostingIndex(int elementCount, boolean pool) {
      offset = new int[elementCount + 1];
      for (int p = 0; p < recordAt.length; p++) {
        int r = recordAt[p];
        if ((r < corpus.poolSize) == pool) {
          int[] s = sortedElements[r];
          for (int j = 0, len = indexPrefixLength(s.length); j < len; j++) {
            offset[s[j] + 1]++;
          }
        }
      }
      for (int e = 0; e < elementCount; e++) {
        offset[e + 1] += offset[e];
      }
      position = new int[offset[elementCount]];
      at = new int[offset[elementCount]];
      int[] fill = Arrays.copyOf(offset, elementCount);
      for (int p = 0; p < recordAt.length; p++) {
        int r = recordAt[p];
        if ((r < corpus.poolSize) == pool) {
          int[] s = sortedElements[r];
          for (int j = 0, len = indexPrefixLength(s.length); j < len; j++) {
            int k = fill[s[j]]++;
            position[k] = p;
            at[k] = j;
          }
        }
      }
    }

    /** First entry of element e at length-order position &ge; p. */
    int lowerBound(int e, int p) {
      int lo = offset[e], hi = offset[e + 1];
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (position[mid] < p) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  /** One thread's probing state. */
  private final class Prober implements Parallel.Worker {
    final Edges edges = new Edges();
    final int[] count = new int[corpus.size()];
    final int[] touched = new int[corpus.size()];
    final int[] lastI = new int[corpus.size()];
    final int[] lastJ = new int[corpus.size()];
    final BitLcs lcs = new BitLcs(corpus.vocabularySize);
    long candidatePairs, verifiedPairs, postingsScanned, maxPostingScan;

    @Override
    public void process(int px) {
      int x = recordAt[px];
      int[] sx = sortedElements[x];
      int touchedCount = probe(px, x < corpus.poolSize, sx);
      verify(x, sx, touchedCount);
    }

    /** Counts the prefix elements x shares with earlier partners; returns how many it touched. */
    private int probe(int px, boolean xIsPool, int[] sx) {
      int a = sx.length;
      int lowPosition = firstPositionWithLength(minPartnerLength[a]);
      PostingIndex first =
          (xIsPool ? poolPairs : PrefixJoin.this.candidatePairs) ? candidateIndex : null;
      PostingIndex second = (!xIsPool && poolPairs) ? poolIndex : null;
      int touchedCount = 0;
      for (int i = 0, len = probePrefixLength(a); i < len; i++) {
        if (first != null) {
          touchedCount = scan(first, px, sx, i, lowPosition, touchedCount);
        }
        if (second != null) {
          touchedCount = scan(second, px, sx, i, lowPosition, touchedCount);
        }
      }
      return touchedCount;
    }

    /** Scans the posting list of x's i-th element; returns the new touched count. */
    private int scan(
        PostingIndex index, int px, int[] sx, int i, int lowPosition, int touchedCount) {
      int a = sx.length;
      int e = sx[i];
      int k = index.lowerBound(e, lowPosition);
      int end = index.offset[e + 1];
      int scanned = 0;
      for (; k < end && index.position[k] < px; k++) {
        scanned++;
        int y = recordAt[index.position[k]];
        int c = count[y];
        if (c < 0) {
          continue;
        }
        int b = lengthAt[index.position[k]];
        int j = index.at[k];
        if (c + 1 + Math.min(a - i - 1, b - j - 1) < required(a, b)) {
          if (c == 0) {
            touched[touchedCount++] = y;
          }
          count[y] = -1;
          continue;
        }
        if (c == 0) {
          touched[touchedCount++] = y;
        }
        count[y] = c + 1;
        lastI[y] = i;
        lastJ[y] = j;
      }
      postingsScanned += scanned;
      maxPostingScan = Math.max(maxPostingScan, scanned);
      return touchedCount;
    }

    /** Verifies each touched candidate (overlap bound, LCS, F) and keeps the wanted pairs. */
    private void verify(int x, int[] sx, int touchedCount) {
      int a = sx.length;
      boolean loaded = false;
      for (int t = 0; t < touchedCount; t++) {
        int y = touched[t];
        int c = count[y];
        count[y] = 0;
        if (c <= 0) {
          continue;
        }
        candidatePairs++;
        int[] sy = sortedElements[y];
        int b = sy.length;
        int need = required(a, b);
        if (signatures[x].overlapBound(signatures[y]) < need
            || !overlapReaches(sx, lastI[y] + 1, sy, lastJ[y] + 1, c, need)) {
          continue;
        }
        verifiedPairs++;
        if (!loaded) {
          lcs.load(corpus.seqs[x]);
          loaded = true;
        }
        int l = lcs.lcs(corpus.seqs[y]);
        if (l < need) {
          continue;
        }
        double f = RougeL.fmeasure(l, b, a);
        if (wanted(f)) {
          edges.add(x, y, f);
        }
      }
    }
  }

  private int firstPositionWithLength(int length) {
    int lo = 0, hi = lengthAt.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (lengthAt[mid] < length) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Whether the multiset overlap reaches {@code need}, given {@code n} shared elements before
   * positions i and j (the prefix matches); stops as soon as the rest cannot make up the gap.
   */
  static boolean overlapReaches(int[] x, int i, int[] y, int j, int n, int need) {
    while (n < need) {
      if (n + Math.min(x.length - i, y.length - j) < need) {
        return false;
      }
      if (x[i] == y[j]) {
        n++;
        i++;
        j++;
      } else if (x[i] < y[j]) {
        i++;
      } else {
        j++;
      }
    }
    return true;
  }
}
