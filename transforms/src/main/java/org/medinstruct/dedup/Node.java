package org.medinstruct.dedup;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * A candidate with its edges and component label, as the resolution needs it; {@code bestPoolText}:
 * the text of its exactly scanned nearest pool item, if any.
 */
record Node(Cand cand, List<Half> halves, String label, String bestPoolText) {
  Node(Cand cand, List<Half> halves, String label) {
    this(cand, halves, label, null);
  }

  /** Tags of the parts a node is assembled from, in one shard's batches. */
  static final byte PART_CAND = 1;

  static final byte PART_HALF = 2;
  static final byte PART_LABEL = 3;

  /** Half edges grouped by their candidate ({@link GroupedHalves}). */
  static final byte PART_HALVES = 4;

  String key() {
    return cand.item().key();
  }

  void write(Blob.Writer w) {
    writeHead(w, label, cand, bestPoolText, halves.size());
    for (Half h : halves) {
      h.write(w, null);
    }
  }

  /** What {@link #write} writes before the halves; {@code halves} of them must follow. */
  static void writeHead(Blob.Writer w, String label, Cand cand, String bestPoolText, int halves) {
    w.str(label);
    cand.write(w);
    w.str(bestPoolText);
    w.varint(halves);
  }

  /**
   * Reads a node whose halves are held compactly: a candidate partner without text as its key
   * packed into a long ({@link Blob#pack}, when it is a digit key) or its String, with its score in
   * a double array, so a node costs about 20 bytes per edge and its resolution needs no String per
   * edge ({@link Resolution} looks packed partners up by value).
   */
  static Node read(Blob.Reader r) {
    String label = r.str();
    Cand cand = Cand.read(r);
    String bestPoolText = r.str();
    int n = r.varint();
    CompactHalves hs = new CompactHalves(n);
    for (; n > 0; n--) {
      r.skipKey();
      long packed = Half.readPackedPartner(r);
      if (packed >= 0) {
        hs.add(null, packed, r.f64());
        continue;
      }
      Half h = Half.read(r);
      if (!h.pool() && h.partnerText() == null) {
        hs.add(h.partner(), -1, h.f());
      } else {
        hs.other.add(h);
      }
    }
    return new Node(cand, hs, label, bestPoolText);
  }

  /** Skips the rest of a node whose label and candidate were read. */
  static void skipHalves(Blob.Reader r) {
    r.skipStr();
    for (int n = r.varint(); n > 0; n--) {
      Half.skip(r);
    }
  }

  /** Reads only the candidate of a node that {@link #write} wrote (its halves may be cut off). */
  static Cand readCand(Blob.Reader r) {
    r.skipStr();
    return Cand.read(r);
  }

  /**
   * Candidate halves without partner text as arrays (the partner packed, or its String when it does
   * not pack); the other halves as they are. {@link #get} builds a {@link Half}; the resolution
   * reads the arrays instead where it can.
   */
  static final class CompactHalves extends AbstractList<Half> {
    final List<Half> other = new ArrayList<>(0);
    private final String[] partners;
    private final long[] packed;
    private final double[] scores;
    private int size;

    CompactHalves(int capacity) {
      partners = new String[capacity];
      packed = new long[capacity];
      scores = new double[capacity];
    }

    void add(String partner, long packedPartner, double f) {
      partners[size] = partner;
      packed[size] = packedPartner;
      scores[size++] = f;
    }

    /** How many halves the arrays hold (they come first in this list). */
    int compactSize() {
      return size;
    }

    /** The i-th partner packed ({@link Blob#pack}), or -1 when it is held as a String. */
    long packed(int i) {
      return packed[i];
    }

    double score(int i) {
      return scores[i];
    }

    @Override
    public Half get(int i) {
      if (i >= size) {
        return other.get(i - size);
      }
      String partner = partners[i] != null ? partners[i] : Blob.unpack(packed[i]);
      return new Half(partner, false, -1, null, scores[i]);
    }

    @Override
    public int size() {
      return size + other.size();
    }
  }
}
