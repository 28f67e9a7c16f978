package org.medinstruct.dedup;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  String key() {
    return cand.item().key();
  }

  void write(Blob.Writer w) {
    w.str(label);
    cand.write(w);
    w.str(bestPoolText);
    w.varint(halves.size());
    for (Half h : halves) {
      h.write(w, null);
    }
  }

  /**
   * Reads a node whose halves are held compactly: candidate partners as one shared String per key
   * ({@code keys} interns them across the nodes read; null: not interned), with their scores in a
   * double array, so a large component costs about 12 bytes per edge.
   */
  static Node read(Blob.Reader r, Map<String, String> keys) {
    String label = r.str();
    Cand cand = Cand.read(r);
    String bestPoolText = r.str();
    int n = r.varint();
    CompactHalves hs = new CompactHalves(n);
    for (; n > 0; n--) {
      r.skipKey();
      Half h = Half.read(r);
      if (!h.pool() && h.partnerText() == null) {
        hs.add(keys == null ? h.partner() : keys.computeIfAbsent(h.partner(), k -> k), h.f());
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

  /** Candidate halves without partner text as arrays; the other halves as they are. */
  private static final class CompactHalves extends AbstractList<Half> {
    final List<Half> other = new ArrayList<>(0);
    private final String[] partners;
    private final double[] scores;
    private int size;

    CompactHalves(int capacity) {
      partners = new String[capacity];
      scores = new double[capacity];
    }

    void add(String partner, double f) {
      partners[size] = partner;
      scores[size++] = f;
    }

    @Override
    public Half get(int i) {
      return i < size ? new Half(partners[i], false, -1, null, scores[i]) : other.get(i - size);
    }

    @Override
    public int size() {
      return size + other.size();
    }
  }
}
