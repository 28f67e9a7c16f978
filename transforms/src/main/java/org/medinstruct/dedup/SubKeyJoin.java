package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The pairs of one (sub-)key: length filter, the pair is only taken under its FIRST common prefix
 * element (verified once), multiset-overlap bound, exact bit-parallel LCS; pairs with F &gt;
 * threshold or F &ge; floor go to the {@link Sink}.
 */
final class SubKeyJoin {
  /** Receives the similar pairs. */
  interface Sink {
    void similar(Rec x, Rec y, double f);
  }

  /** A record in one sub-key: the position of the sub-key's element in its elements. */
  private record Member(Rec rec, int pos) {
    int length() {
      return rec.elements.length;
    }
  }

  private static final Comparator<Member> BY_LENGTH = Comparator.comparingInt(Member::length);
  private final JoinSpec spec;
  private final Distribution workPerKey =
      Metrics.distribution(DistributedDedup.METRICS, "maxWorkPerKey");
  private final Distribution keySize =
      Metrics.distribution(DistributedDedup.METRICS, "maxRecordsPerKey");
  private BitLcs lcs;
  private int capacity;
  private long candidates;
  private long verified;

  SubKeyJoin(JoinSpec spec) {
    this.spec = spec;
  }

  /** Makes room for token ids up to {@code maxId}. */
  void ensureCapacity(int maxId) {
    if (lcs == null || maxId >= capacity) {
      capacity = Math.max(maxId + 1, capacity * 2);
      lcs = new BitLcs(capacity);
    }
  }

  /** Pairs that passed the position filter since the last call. */
  long takeCandidates() {
    long n = candidates;
    candidates = 0;
    return n;
  }

  /** Pairs whose LCS was computed since the last call. */
  long takeVerified() {
    long n = verified;
    verified = 0;
    return n;
  }

  /** Verifies sub-key {@code key}'s members {record index, own bucket, position}. */
  void verify(long key, List<long[]> members, List<Rec> recs, Sink sink) {
    int e = (int) (key >>> 24);
    int bi = (int) ((key >>> 12) & 0xFFF);
    int bj = (int) (key & 0xFFF);
    List<Member> left = new ArrayList<>();
    List<Member> right = new ArrayList<>();
    for (long[] m : members) {
      Member member = new Member(recs.get((int) m[0]), (int) m[2]);
      if (bi == bj || m[1] == bi) {
        left.add(member);
      } else {
        right.add(member);
      }
    }
    left.sort(BY_LENGTH);
    right.sort(BY_LENGTH);
    keySize.update(left.size() + right.size());
    long work = bi == bj ? verifyWithin(e, left, sink) : verifyAcross(e, left, right, sink);
    workPerKey.update(work);
  }

  /** One bucket: every pair of it. Pool-pool pairs are never wanted. */
  private long verifyWithin(int e, List<Member> left, Sink sink) {
    long work = 0;
    // A pool item steps only over the candidates after it.
    int[] nextCand = nextCandidates(left);
    for (int u = 0; u < left.size(); u++) {
      Member x = left.get(u);
      boolean pool = x.rec().pool;
      for (int v = pool ? nextCand[u + 1] : u + 1;
          v < left.size();
          v = pool ? nextCand[v + 1] : v + 1) {
        Member y = left.get(v);
        if (!spec.lengthsFeasible(x.length(), y.length())) {
          break; // longer partners only get less feasible
        }
        work++;
        check(e, x, y, sink);
      }
    }
    return work;
  }

  /** Two buckets: every pair across them. */
  private long verifyAcross(int e, List<Member> left, List<Member> right, Sink sink) {
    long work = 0;
    List<Member> rightCands = new ArrayList<>();
    for (Member m : right) {
      if (!m.rec().pool) {
        rightCands.add(m);
      }
    }
    int[] lengths = lengths(right);
    int[] candLengths = lengths(rightCands);
    for (Member x : left) {
      boolean pool = x.rec().pool;
      List<Member> partners = pool ? rightCands : right;
      int[] ls = pool ? candLengths : lengths;
      int a = x.length();
      int from = lowerBound(ls, spec.minPartnerLength(a));
      for (int v = from; v < ls.length; v++) {
        if (!spec.lengthsFeasible(a, ls[v])) {
          if (ls[v] > a) {
            break;
          }
          continue;
        }
        work++;
        check(e, x, partners.get(v), sink);
      }
    }
    return work;
  }

  private static int[] lengths(List<Member> members) {
    int[] out = new int[members.size()];
    for (int v = 0; v < out.length; v++) {
      out[v] = members.get(v).length();
    }
    return out;
  }

  /** next[v]: the first candidate (non-pool) member at or after v, or the size. */
  private static int[] nextCandidates(List<Member> members) {
    int[] next = new int[members.size() + 1];
    next[members.size()] = members.size();
    for (int v = members.size() - 1; v >= 0; v--) {
      next[v] = members.get(v).rec().pool ? next[v + 1] : v;
    }
    return next;
  }

  private static int lowerBound(int[] sorted, int value) {
    int lo = 0, hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Verifies a pair only if {@code e} (at positions i, j) is its first common prefix element; the
   * position filter is checked first, from those positions, in O(1).
   */
  private void check(int e, Member mx, Member my, Sink sink) {
    Rec x = mx.rec(), y = my.rec();
    if (x.pool && y.pool) {
      return;
    }
    if (!spec.candidatePairs && !x.pool && !y.pool) {
      return;
    }
    int[] sx = x.elements;
    int[] sy = y.elements;
    int a = sx.length, b = sy.length;
    if (!spec.lengthsFeasible(a, b)) {
      return;
    }
    int need = spec.required(a, b);
    int i = mx.pos(), j = my.pos();
    // Position filter: nothing before the first common element is shared.
    if (1 + Math.min(a - i - 1, b - j - 1) < need) {
      return;
    }
    if (sharesBefore(sx, i, sy, j)) {
      return; // verified under an earlier common prefix element
    }
    candidates++;
    if (!PrefixJoin.overlapReaches(sx, 0, sy, 0, 0, need)) {
      return;
    }
    verified++;
    lcs.load(x.seq);
    int l = lcs.lcs(y.seq);
    if (l < need) {
      return;
    }
    double f = RougeL.fmeasure(l, b, a);
    if (f > spec.threshold || f >= spec.floor) {
      sink.similar(x, y, f);
    }
  }

  /** Whether x[0, i) and y[0, j) (ascending) have an element in common. */
  private static boolean sharesBefore(int[] x, int i, int[] y, int j) {
    int p = 0, q = 0;
    while (p < i && q < j) {
      if (x[p] == y[q]) {
        return true;
      } else if (x[p] < y[q]) {
        p++;
      } else {
        q++;
      }
    }
    return false;
  }
}
