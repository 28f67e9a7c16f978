package org.medinstruct.dedup;

import java.util.Arrays;

/**
 * Bit-parallel LCS length (Allison-Dix / Hyyrö): one sequence {@code x} is loaded as match masks,
 * one bit per position in {@code long[]} words, then each token of the other sequence updates the
 * bit vector V in O(words): {@code U = V & M[c]; V = (V + U) | (V & ~M[c])}. LCS = zero bits of V.
 * Tokens absent from {@code x} leave V unchanged. Not thread-safe: one per thread.
 */
public final class BitLcs {
  private final long[] singleMask; // by token id, when x fits in one word
  private final int[] slotOf; // by token id: 1 + slot of its mask row, when x needs several words
  private long[] rows = new long[0];
  private long[] v = new long[0];
  private int[] loaded = new int[0];
  private int words;
  private int length;

  public BitLcs(int vocabularySize) {
    singleMask = new long[vocabularySize];
    slotOf = new int[vocabularySize];
  }

  /** Loads {@code x} as the bit-vector side; replaces any previously loaded sequence. */
  public void load(int[] x) {
    unload();
    loaded = x;
    length = x.length;
    words = Math.max(1, (length + 63) >>> 6);
    if (words == 1) {
      for (int i = 0; i < length; i++) {
        singleMask[x[i]] |= 1L << i;
      }
      return;
    }
    if (rows.length < words * length) {
      rows = new long[words * length];
    }
    if (v.length < words) {
      v = new long[words];
    }
    int slots = 0;
    for (int i = 0; i < length; i++) {
      int s = slotOf[x[i]];
      if (s == 0) {
        s = ++slots;
        slotOf[x[i]] = s;
        Arrays.fill(rows, (s - 1) * words, s * words, 0L);
      }
      rows[(s - 1) * words + (i >>> 6)] |= 1L << (i & 63);
    }
  }

  private void unload() {
    for (int t : loaded) {
      singleMask[t] = 0L;
      slotOf[t] = 0;
    }
    loaded = new int[0];
  }

  /** LCS length of the loaded sequence and {@code y}. */
  public int lcs(int[] y) {
    if (length == 0 || y.length == 0) {
      return 0;
    }
    if (words == 1) {
      long vv = -1L;
      for (int t : y) {
        // No branch on m == 0 (V stays V then): whether a token of y occurs in x is as good as
        // random, and the mispredicted branch cost more than the three operations it skipped.
        long m = singleMask[t];
        long u = vv & m;
        vv = (vv + u) | (vv & ~m);
      }
      long low = length == 64 ? -1L : (1L << length) - 1;
      return length - Long.bitCount(vv & low);
    }
    Arrays.fill(v, 0, words, -1L);
    for (int t : y) {
      int s = slotOf[t];
      if (s == 0) {
        continue;
      }
      int base = (s - 1) * words;
      long carry = 0;
      for (int w = 0; w < words; w++) {
        long vw = v[w];
        long m = rows[base + w];
        long u = vw & m;
        long sum = vw + u;
        long c1 = Long.compareUnsigned(sum, vw) < 0 ? 1 : 0;
        long total = sum + carry;
        long c2 = (carry != 0 && total == 0) ? 1 : 0;
        carry = c1 | c2;
        v[w] = total | (vw & ~m);
      }
    }
    int ones = 0;
    for (int w = 0; w < words; w++) {
      int bitsInWord = Math.min(64, length - (w << 6));
      long low = bitsInWord == 64 ? -1L : (1L << bitsInWord) - 1;
      ones += Long.bitCount(v[w] & low);
    }
    return length - ones;
  }
}
