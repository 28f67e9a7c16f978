package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.Arrays;
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
  private static final Comparator<Member> BY_POSITION = Comparator.comparingInt(Member::pos);
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

  /**
   * One bucket: every pair of it that both position filters let through. Members are grouped by
   * length, each length's members sorted by the position of this key's element, so each record
   * meets only the partners whose position can still reach the threshold with it (x's own bound on
   * the partner's length, {@link JoinSpec#maxPartnerLength}, and the partner's bound on its own
   * position), never the rest of the list.
   */
  private long verifyWithin(int e, List<Member> left, Sink sink) {
    LengthBuckets by = new LengthBuckets(left);
    long work = 0;
    for (int bx = 0; bx < by.lengths.length; bx++) {
      int a = by.lengths[bx];
      Member[] xs = by.members[bx];
      // Equal lengths: both records need their position within lastFirstCommonPosition(a, a).
      int equal = by.upToPosition(bx, spec.lastFirstCommonPosition(a, a));
      for (int u = 0; u < equal; u++) {
        for (int v = u + 1; v < equal; v++) {
          work++;
          check(e, xs[u], xs[v], sink);
        }
      }
      for (int u = 0; bx + 1 < by.lengths.length && u < xs.length; u++) {
        int longest = spec.maxPartnerLength(a, xs[u].pos());
        if (longest < by.lengths[bx + 1]) {
          break; // later members sit further right: their bound only shrinks
        }
        work += checkLonger(e, xs[u], by, bx + 1, longest, sink);
      }
    }
    return work;
  }

  /**
   * Pairs x with the members of lengths {@code by.lengths[from..]} up to {@code longest} whose own
   * position can still reach the threshold with x.
   */
  private long checkLonger(int e, Member x, LengthBuckets by, int from, int longest, Sink sink) {
    long work = 0;
    int a = x.length();
    for (int k = from; k < by.lengths.length && by.lengths[k] <= longest; k++) {
      int b = by.lengths[k];
      if (!spec.lengthsFeasible(a, b)) {
        continue;
      }
      Member[] ys = by.members[k];
      for (int v = 0, n = by.upToPosition(k, spec.lastFirstCommonPosition(b, a)); v < n; v++) {
        work++;
        check(e, x, ys[v], sink);
      }
    }
    return work;
  }

  /** Two buckets: every pair across them that both position filters let through. */
  private long verifyAcross(int e, List<Member> left, List<Member> right, Sink sink) {
    LengthBuckets by = new LengthBuckets(right);
    long work = 0;
    for (Member x : left) {
      int a = x.length();
      int from = by.firstLengthAtLeast(spec.minPartnerLength(a));
      work += checkLonger(e, x, by, from, spec.maxPartnerLength(a, x.pos()), sink);
    }
    return work;
  }

  /** Members grouped by length (ascending), each group sorted by position. */
  private static final class LengthBuckets {
    final int[] lengths;
    final Member[][] members;
    final int[][] positions;

    LengthBuckets(List<Member> sortedByLength) {
      List<Integer> starts = new ArrayList<>();
      for (int k = 0; k < sortedByLength.size(); k++) {
        if (k == 0 || sortedByLength.get(k).length() != sortedByLength.get(k - 1).length()) {
          starts.add(k);
        }
      }
      starts.add(sortedByLength.size());
      int groups = starts.size() - 1;
      lengths = new int[groups];
      members = new Member[groups][];
      positions = new int[groups][];
      for (int g = 0; g < groups; g++) {
        Member[] m =
            sortedByLength.subList(starts.get(g), starts.get(g + 1)).toArray(new Member[0]);
        Arrays.sort(m, BY_POSITION);
        lengths[g] = m[0].length();
        members[g] = m;
        positions[g] = new int[m.length];
        for (int k = 0; k < m.length; k++) {
          positions[g][k] = m[k].pos();
        }
      }
    }

    /** How many of group g's members are at a position of at most {@code maxPosition}. */
    int upToPosition(int g, int maxPosition) {
      return SortedInts.upperBound(positions[g], maxPosition);
    }

    int firstLengthAtLeast(int length) {
      return SortedInts.lowerBound(lengths, length);
    }
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
    if (x.signature.overlapBound(y.signature) < need
        || !PrefixJoin.overlapReaches(sx, 0, sy, 0, 0, need)) {
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
