package org.medinstruct.dedup;

import java.util.Arrays;

/**
 * One join shard's half edges between two candidates whose keys pack ({@link Blob#pack}) and that
 * carry no partner text, buffered as arrays and written grouped by the candidate that owns them
 * ({@link Node#PART_HALVES}): the owner's key and token count once, then per half the partner's
 * packed key, the LCS and the partner's token count (about 6 bytes a half instead of the 19 of a
 * {@link Half}, whose F is an 8-byte double). The F is recomputed from them bit for bit ({@link
 * #score}): the join computed it from the same three integers.
 */
final class GroupedHalves {
  private int[] owner = new int[1024];
  private long[] partner = new long[1024];
  private int[] lcs = new int[1024];
  private int[] partnerLength = new int[1024];
  private int size;

  void add(int ownerSlot, long partnerKey, int lcsLength, int partnerTokens) {
    if (size == owner.length) {
      int n = size * 2;
      owner = Arrays.copyOf(owner, n);
      partner = Arrays.copyOf(partner, n);
      lcs = Arrays.copyOf(lcs, n);
      partnerLength = Arrays.copyOf(partnerLength, n);
    }
    owner[size] = ownerSlot;
    partner[size] = partnerKey;
    lcs[size] = lcsLength;
    partnerLength[size++] = partnerTokens;
  }

  int size() {
    return size;
  }

  /** Receives one owner's halves: indices {@code order[from, to)} of this buffer. */
  interface GroupSink {
    void group(int ownerSlot, int[] order, int from, int to);
  }

  /**
   * Hands the halves grouped by owner slot (owners ascending, each owner's halves in the order they
   * were added) to {@code sink}, then empties the buffer. {@code slots}: one more than the largest
   * owner slot.
   */
  void drain(int slots, GroupSink sink) {
    int[] start = new int[slots + 1];
    for (int i = 0; i < size; i++) {
      start[owner[i] + 1]++;
    }
    for (int s = 0; s < slots; s++) {
      start[s + 1] += start[s];
    }
    int[] order = new int[size];
    int[] fill = Arrays.copyOf(start, slots);
    for (int i = 0; i < size; i++) {
      order[fill[owner[i]]++] = i;
    }
    for (int s = 0; s < slots; s++) {
      if (start[s] < start[s + 1]) {
        sink.group(s, order, start[s], start[s + 1]);
      }
    }
    size = 0;
  }

  /** Writes one owner's group ({@link Node#PART_HALVES}); {@code order[from, to)} as drained. */
  void write(Blob.Writer w, Rec me, int[] order, int from, int to) {
    w.varint(Node.PART_HALVES).packedKey(me.packedKey).varint(me.elements.length);
    w.varint(to - from);
    for (int k = from; k < to; k++) {
      int i = order[k];
      w.packedKey(partner[i]).varint(lcs[i]).varint(partnerLength[i]);
    }
  }

  /** Receives the halves of a group read back: owner and partner packed, F recomputed. */
  interface HalfSink {
    void half(long me, long partner, double f);
  }

  /** Reads one group that {@link #write} wrote, after its {@link Node#PART_HALVES} tag. */
  static void read(Blob.Reader r, HalfSink sink) {
    long me = r.packedKey();
    int myLength = r.varint();
    for (int n = r.varint(); n > 0; n--) {
      long partner = r.packedKey();
      int lcs = r.varint();
      int partnerLength = r.varint();
      sink.half(me, partner, score(lcs, myLength, partnerLength));
    }
  }

  /**
   * The F of a pair from its LCS and token counts, as the join computed it. {@link RougeL#fmeasure}
   * is symmetric bit for bit in the two lengths (2 * p * r is (2p) * r, and doubling is exact), so
   * which record was the target does not matter.
   */
  static double score(int lcs, int myLength, int partnerLength) {
    return RougeL.fmeasure(lcs, myLength, partnerLength);
  }
}
