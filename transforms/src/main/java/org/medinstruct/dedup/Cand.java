package org.medinstruct.dedup;

import org.medinstruct.dedup.DistributedDedup.Item;
import org.medinstruct.dedup.DistributedDedup.ItemCoder;

/** A candidate as its decision needs it: item, and the exact nearest pool item when scanned. */
record Cand(Item item, boolean poolScanned, int bestPool, double bestPoolScore) {
  void write(Blob.Writer w) {
    ItemCoder.write(w, item);
    w.bool(poolScanned).varint(bestPool + 1L).f64(bestPoolScore);
  }

  static Cand read(Blob.Reader r) {
    return new Cand(ItemCoder.read(r), r.bool(), r.varint() - 1, r.f64());
  }
}
