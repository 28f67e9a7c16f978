package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.List;

/** A candidate with its edges and component label, as the resolution needs it. */
record Node(Cand cand, List<Half> halves, String label) {
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
    w.varint(halves.size());
    for (Half h : halves) {
      h.write(w, null);
    }
  }

  static Node read(Blob.Reader r) {
    String label = r.str();
    Cand cand = Cand.read(r);
    List<Half> hs = new ArrayList<>();
    for (int n = r.varint(); n > 0; n--) {
      r.str();
      hs.add(Half.read(r));
    }
    return new Node(cand, hs, label);
  }
}
