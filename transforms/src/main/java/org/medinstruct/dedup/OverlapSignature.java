package org.medinstruct.dedup;

/**
 * A 256-bit signature of a record's elements (each hashed to one bit) that bounds the multiset
 * overlap of two records from above in a few word operations, so the join rejects most pairs that
 * share a prefix element but too little else without merging their element lists.
 *
 * <p>Bound: the common elements C map to bits set in both signatures, so |h(C)| &le; popcount(a
 * &amp; b); and hashing loses at most as many elements of C as of the whole record (|S| - |h(S)|
 * only grows with S), so |C| &le; popcount(a &amp; b) + min(lost(a), lost(b)).
 */
final class OverlapSignature {
  final long w0;
  final long w1;
  final long w2;
  final long w3;

  /** Elements that share their bit with another element of the same record. */
  final int lost;

  private OverlapSignature(long w0, long w1, long w2, long w3, int lost) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
    this.lost = lost;
  }

  /** The signature of distinct elements (ids). */
  static OverlapSignature of(int[] elements) {
    long[] w = new long[4];
    for (int e : elements) {
      int bit = bit(e);
      w[bit >>> 6] |= 1L << (bit & 63);
    }
    int bits =
        Long.bitCount(w[0]) + Long.bitCount(w[1]) + Long.bitCount(w[2]) + Long.bitCount(w[3]);
    return new OverlapSignature(w[0], w[1], w[2], w[3], elements.length - bits);
  }

  static int bit(int element) {
    return (element * 0x9E3779B9) >>> 24;
  }

  /** An upper bound of the number of elements the two records share. */
  int overlapBound(OverlapSignature o) {
    return Long.bitCount(w0 & o.w0)
        + Long.bitCount(w1 & o.w1)
        + Long.bitCount(w2 & o.w2)
        + Long.bitCount(w3 & o.w3)
        + Math.min(lost, o.lost);
  }
}
