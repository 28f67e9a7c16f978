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
    /** x and y are similar with F {@code f}, computed from their LCS {@code lcs}. */
    void similar(Rec x, Rec y, int lcs, double f);
  }

  /**
   * A record in one sub-key: the position of the sub-key's element in its elements, and a 128-bit
   * mask of the elements before it (each hashed to one bit), so that two members whose masks do not
   * intersect share no earlier element without a merge of their prefixes.
   */
  private record Member(Rec rec, int pos, int length, long before0, long before1) {
    static Member of(Rec rec, int pos) {
      long m0 = 0, m1 = 0;
      for (int k = 0; k < pos; k++) {
        int bit = OverlapSignature.bit(rec.elements[k]) >>> 1;
        if (bit < 64) {
          m0 |= 1L << bit;
        } else {
          m1 |= 1L << (bit - 64);
        }
      }
      return new Member(rec, pos, rec.elements.length, m0, m1);
    }
  }

  private static final Comparator<Member> BY_LENGTH = Comparator.comparingInt(Member::length);
  private static final Comparator<Member> BY_POSITION = Comparator.comparingInt(Member::pos);
  private final JoinSpec spec;
  private final Distribution workPerKey =
      Metrics.distribution(DistributedDedup.METRICS, "maxWorkPerKey");
  private final Distribution keySize =
      Metrics.distribution(DistributedDedup.METRICS, "maxRecordsPerKey");

  /** Per-key figures for {@link #flushMetrics}: a Beam metric update per key costs a lookup. */
  private final Figures work = new Figures();

  private final Figures sizes = new Figures();
  private BitLcs lcs;
  private int[] lcsLoaded;
  private boolean[] marked;

  /** The member of the running {@link #scan} whose earlier elements are marked, or null. */
  private Member markedFor;

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
      lcsLoaded = null;
      marked = new boolean[capacity];
    }
  }

  /**
   * Pair checks that passed the length and position filters since the last call, once per prefix
   * element the pair shares (what {@link JoinEstimate#candidatePairs} estimates).
   */
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

  /** Sum, count, min and max of values, handed to a {@link Distribution} in one update. */
  private static final class Figures {
    private long sum;
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    void add(long value) {
      sum += value;
      count++;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }

    void flushTo(Distribution d) {
      if (count > 0) {
        d.update(sum, count, min, max);
      }
      sum = 0;
      count = 0;
      min = Long.MAX_VALUE;
      max = Long.MIN_VALUE;
    }
  }

  /** Moves the per-key work and size figures gathered since the last call to their metrics. */
  void flushMetrics() {
    work.flushTo(workPerKey);
    sizes.flushTo(keySize);
  }

  /**
   * The members one shard holds of one bucket of one element (of the element, when it is not
   * split): record indices and the element's position in each. A hot element's bucket takes part in
   * several of the shard's bucket pairs; its members are sorted and grouped once for all of them
   * ({@link #sorted}, {@link #groups}) until {@link #release}.
   */
  static final class Side {
    private int[] records = new int[4];
    private int[] positions = new int[4];
    private int size;
    private List<Member> sorted;
    private LengthBuckets groups;

    /**
     * Adds a member; a record already added last (another bucket pair of its) is not added again.
     */
    void add(int record, int position) {
      if (size > 0 && records[size - 1] == record) {
        return;
      }
      if (size == records.length) {
        records = Arrays.copyOf(records, size * 2);
        positions = Arrays.copyOf(positions, size * 2);
      }
      records[size] = record;
      positions[size] = position;
      size++;
    }

    int size() {
      return size;
    }

    List<Member> sorted(List<Rec> recs) {
      if (sorted == null) {
        List<Member> ms = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
          ms.add(Member.of(recs.get(records[k]), positions[k]));
        }
        sorted = byLengthThenPosition(ms);
      }
      return sorted;
    }

    LengthBuckets groups(List<Rec> recs) {
      if (groups == null) {
        groups = new LengthBuckets(sorted(recs));
      }
      return groups;
    }

    /** Drops the sorted members and groups (the element is done). */
    void release() {
      sorted = null;
      groups = null;
    }
  }

  /**
   * Verifies sub-key {@code key} = (element, bucket i, bucket j): the pairs within {@code left}
   * when i = j, else the pairs across {@code left} (bucket i) and {@code right} (bucket j). A
   * missing side has no members. Returns the sub-key's members.
   */
  int verify(long key, Side left, Side right, List<Rec> recs, Sink sink) {
    int e = (int) (key >>> 24);
    int bi = (int) ((key >>> 12) & 0xFFF);
    int bj = (int) (key & 0xFFF);
    int nl = left == null ? 0 : left.size();
    if (bi == bj) {
      sizes.add(nl);
      work.add(nl == 0 ? 0 : verifyWithin(e, left.groups(recs), sink));
      return nl;
    }
    int nr = right == null ? 0 : right.size();
    sizes.add(nl + nr);
    work.add(nl == 0 || nr == 0 ? 0 : verifyAcross(e, left.sorted(recs), right.groups(recs), sink));
    return nl + nr;
  }

  /**
   * The members sorted by length, then by position: a primitive sort of packed keys (a hot
   * element's members are sorted once per bucket pair, so a comparator sort was a tenth of the
   * join), with a comparator sort for sizes the packing cannot hold.
   */
  private static List<Member> byLengthThenPosition(List<Member> ms) {
    long[] codes = new long[ms.size()];
    for (int k = 0; k < codes.length; k++) {
      Member m = ms.get(k);
      if (k >= 1 << 24 || m.length() >= 1 << 21 || m.pos() >= 1 << 18) {
        List<Member> out = new ArrayList<>(ms);
        out.sort(BY_LENGTH.thenComparing(BY_POSITION));
        return out;
      }
      codes[k] = ((long) m.length() << 42) | ((long) m.pos() << 24) | k;
    }
    Arrays.sort(codes);
    List<Member> out = new ArrayList<>(codes.length);
    for (long c : codes) {
      out.add(ms.get((int) (c & 0xFFFFFF)));
    }
    return out;
  }

  /**
   * One bucket: every pair of it that both position filters let through. Members are grouped by
   * length, each length's members sorted by the position of this key's element, so each record
   * meets only the partners whose position can still reach the threshold with it (x's own bound on
   * the partner's length, {@link JoinSpec#maxPartnerLength}, and the partner's bound on its own
   * position), never the rest of the list.
   */
  private long verifyWithin(int e, LengthBuckets by, Sink sink) {
    long work = 0;
    for (int bx = 0; bx < by.lengths.length; bx++) {
      int a = by.lengths[bx];
      Member[] xs = by.members[bx];
      // Equal lengths: both records need their position within lastFirstCommonPosition(a, a).
      int equal = by.upToPosition(bx, spec.lastFirstCommonPosition(a, a));
      for (int u = 0; u < equal; u++) {
        work += equal - u - 1;
        scan(xs[u], by, bx, u + 1, equal, sink);
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
      int n = by.upToPosition(k, spec.lastFirstCommonPosition(b, a));
      work += n;
      scan(x, by, k, 0, n, sink);
    }
    return work;
  }

  /** Two buckets: every pair across them that both position filters let through. */
  private long verifyAcross(int e, List<Member> left, LengthBuckets by, Sink sink) {
    long work = 0;
    int a = -1;
    int from = 0;
    for (Member x : left) { // sorted by length: one lookup per length
      if (x.length() != a) {
        a = x.length();
        from = by.firstLengthAtLeast(spec.minPartnerLength(a));
      }
      work += checkLonger(e, x, by, from, spec.maxPartnerLength(a, x.pos()), sink);
    }
    return work;
  }

  /** Members grouped by length (ascending), each group sorted by position (as given). */
  private static final class LengthBuckets {
    final int[] lengths;
    final Member[][] members;
    final int[][] positions;

    /**
     * Per group, four words per member: its {@link OverlapSignature}, next to each other so that
     * the pair loop reads them in order instead of following references.
     */
    final long[][] words;

    /** Per group, two words per member: its {@link Member} mask of the elements before it. */
    final long[][] masks;

    /**
     * Per group, the elements before each member's position, one member after the other (member k's
     * are {@code [before[g][k], before[g][k + 1])} of {@code earlier[g]}): the exact check behind
     * an intersecting mask reads them here instead of following three references to the record's
     * elements.
     */
    final int[][] earlier;

    final int[][] before;

    final int[][] lost;
    final boolean[][] pool;
    final boolean[] hasPool;

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
      words = new long[groups][];
      masks = new long[groups][];
      earlier = new int[groups][];
      before = new int[groups][];
      lost = new int[groups][];
      pool = new boolean[groups][];
      hasPool = new boolean[groups];
      for (int g = 0; g < groups; g++) {
        Member[] m =
            sortedByLength.subList(starts.get(g), starts.get(g + 1)).toArray(new Member[0]);
        lengths[g] = m[0].length();
        members[g] = m;
        positions[g] = new int[m.length];
        words[g] = new long[4 * m.length];
        masks[g] = new long[2 * m.length];
        before[g] = new int[m.length + 1];
        lost[g] = new int[m.length];
        pool[g] = new boolean[m.length];
        int total = 0;
        for (Member member : m) {
          total += member.pos();
        }
        int[] flat = new int[total];
        earlier[g] = flat;
        for (int k = 0, at = 0; k < m.length; k++) {
          positions[g][k] = m[k].pos();
          System.arraycopy(m[k].rec().elements, 0, flat, at, m[k].pos());
          at += m[k].pos();
          before[g][k + 1] = at;
          OverlapSignature sig = m[k].rec().signature;
          long[] w = words[g];
          w[4 * k] = sig.w0;
          w[4 * k + 1] = sig.w1;
          w[4 * k + 2] = sig.w2;
          w[4 * k + 3] = sig.w3;
          masks[g][2 * k] = m[k].before0();
          masks[g][2 * k + 1] = m[k].before1();
          lost[g][k] = sig.lost;
          pool[g][k] = m[k].rec().pool;
          hasPool[g] |= pool[g][k];
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
   * Checks x against members [from, to) of group g of this key: a pair is verified only if the
   * key's element (at positions i, j) is its first common prefix element. The position filter is
   * checked first, x's side here in O(1) and y's by the range the caller gives ({@code to} ends at
   * {@link JoinSpec#lastFirstCommonPosition}), then the overlap signature, which does not depend on
   * the key and rejects most pairs (so a pair it rejects is rejected under every element it
   * shares), and only then, for the few that pass, whether the pair shares an earlier element (the
   * masks of the elements before them, then a lookup of y's in x's marked elements). On a corpus
   * whose records share many prefix elements, a merge of the two prefixes before the signature was
   * most of the join's time.
   */
  private void scan(Member x, LengthBuckets by, int g, int from, int to, Sink sink) {
    Rec rx = x.rec();
    int a = x.length();
    int b = by.lengths[g];
    if (from >= to || !spec.lengthsFeasible(a, b)) {
      return;
    }
    int need = spec.required(a, b);
    int i = x.pos();
    // Position filter, x's side: nothing before the first common element is shared.
    if (a - i < need) {
      return;
    }
    boolean xPool = rx.pool;
    boolean onlyPool = !spec.candidatePairs && !xPool;
    OverlapSignature sx = rx.signature;
    long x0 = sx.w0, x1 = sx.w1, x2 = sx.w2, x3 = sx.w3;
    int xLost = sx.lost;
    // Members past lastFirstCommonPosition(b, a) = b - need fail y's position filter: the caller's
    // range already ends before them.
    long[] w = by.words[g];
    int[] lost = by.lost[g];
    boolean[] pool = by.pool[g];
    boolean skipPool = !by.hasPool[g] && !xPool && !onlyPool;
    long checked = to - from;
    if (skipPool) {
      // The pair loop of the whole join: kept this small so that the JIT unrolls it.
      for (int v = from; v < to; v++) {
        if (bound(x0, x1, x2, x3, xLost, w, lost, v) >= need) {
          passed(x, by, g, v, need, sink);
        }
      }
    } else {
      for (int v = from; v < to; v++) {
        if (xPool ? pool[v] : onlyPool && !pool[v]) {
          checked--;
          continue;
        }
        if (bound(x0, x1, x2, x3, xLost, w, lost, v) >= need) {
          passed(x, by, g, v, need, sink);
        }
      }
    }
    candidates += checked;
    if (markedFor != null) {
      unmark(markedFor.rec().elements, markedFor.pos());
      markedFor = null;
    }
  }

  /**
   * The overlap signature's bound on the overlap of x (its words and lost count) and member v of a
   * group (its words at {@code w[4v..4v+3]}).
   */
  private static int bound(
      long x0, long x1, long x2, long x3, int xLost, long[] w, int[] lost, int v) {
    int o = 4 * v;
    return Long.bitCount(x0 & w[o])
        + Long.bitCount(x1 & w[o + 1])
        + Long.bitCount(x2 & w[o + 2])
        + Long.bitCount(x3 & w[o + 3])
        + Math.min(xLost, lost[v]);
  }

  /**
   * A pair that passed the overlap signature (a few in a hundred): verified unless it shares an
   * element before the key's, that is unless it was verified under an earlier one. The masks of the
   * elements before them answer most pairs; when they intersect, y's earlier elements are looked up
   * among x's, marked on the first such pair of the scan.
   */
  private void passed(Member x, LengthBuckets by, int g, int v, int need, Sink sink) {
    long[] masks = by.masks[g];
    if (((x.before0() & masks[2 * v]) | (x.before1() & masks[2 * v + 1])) != 0) {
      if (markedFor == null) {
        mark(x.rec().elements, x.pos());
        markedFor = x;
      }
      if (marksAny(by.earlier[g], by.before[g][v], by.before[g][v + 1])) {
        return; // verified under an earlier common prefix element
      }
    }
    verifyPair(x.rec(), by.members[g][v].rec(), need, sink);
  }

  /**
   * The bit-parallel LCS of a pair that passed every bound. (An exact multiset overlap before it
   * rejected about one pair in ten but cost more than the LCS it saved: its merge branches on every
   * element.)
   */
  private void verifyPair(Rec x, Rec y, int need, Sink sink) {
    int[] sx = x.elements;
    int[] sy = y.elements;
    verified++;
    if (lcsLoaded != x.seq) { // x stays the same for a whole scan, often for several
      lcs.load(x.seq);
      lcsLoaded = x.seq;
    }
    int l = lcs.lcs(y.seq);
    if (l < need) {
      return;
    }
    double f = RougeL.fmeasure(l, sy.length, sx.length);
    if (f > spec.threshold || f >= spec.floor) {
      sink.similar(x, y, l, f);
    }
  }

  /** Marks x's elements [0, i), the ones before the scanned key's element. */
  private void mark(int[] x, int i) {
    for (int p = 0; p < i; p++) {
      marked[x[p]] = true;
    }
  }

  private void unmark(int[] x, int i) {
    for (int p = 0; p < i; p++) {
      marked[x[p]] = false;
    }
  }

  /**
   * Whether one of y's elements before the key's element ({@code earlier[from, to)}) is marked,
   * that is shared with x before it: a lookup per element, without the branches of a merge.
   */
  private boolean marksAny(int[] earlier, int from, int to) {
    for (int q = from; q < to; q++) {
      if (marked[earlier[q]]) {
        return true;
      }
    }
    return false;
  }
}
