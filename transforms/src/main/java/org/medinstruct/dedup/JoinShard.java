package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * One join shard as {@link VerifyFn} receives it: its records, the members of each bucket of each
 * element (a record once per bucket, however many of its bucket pairs the shard holds), and its
 * sub-keys, verified an element at a time so that a bucket is sorted and grouped once for all of
 * its pairs in the shard (set up again for each pair, it cost about a tenth of the dense 300,000's
 * join).
 */
final class JoinShard {
  final List<Rec> recs = new ArrayList<>();
  private final Map<Long, SubKeyJoin.Side> sides = new HashMap<>();
  private long[] subs = new long[1024]; // ascending after read: an element's sub-keys together
  private int maxId;

  /**
   * Reads a shard's batches: each record, then its memberships (element, i, j, bucket, position).
   */
  static JoinShard read(Iterable<byte[]> batches) {
    JoinShard shard = new JoinShard();
    int n = 0;
    for (byte[] batch : batches) {
      Blob.Reader r = new Blob.Reader(batch);
      while (r.more()) {
        Rec rec = Rec.read(r);
        int index = shard.recs.size();
        rec.slot = index;
        shard.recs.add(rec);
        for (int t : rec.seq) {
          shard.maxId = Math.max(shard.maxId, t);
        }
        if (rec.elements.length > 0) {
          shard.maxId = Math.max(shard.maxId, rec.elements[rec.elements.length - 1]);
        }
        long lastSide = -1;
        SubKeyJoin.Side side = null;
        for (int k = r.varint(); k > 0; k--) {
          long e = r.varlong(), lo = r.varlong(), hi = r.varlong(), b = r.varlong();
          int pos = (int) r.varlong();
          long key = (e << 12) | b;
          if (key != lastSide) { // a record's bucket pairs of one element come one after another
            side = shard.sides.computeIfAbsent(key, x -> new SubKeyJoin.Side());
            lastSide = key;
          }
          side.add(index, pos);
          if (n == shard.subs.length) {
            shard.subs = Arrays.copyOf(shard.subs, n * 2);
          }
          shard.subs[n++] = (e << 24) | (lo << 12) | hi;
        }
      }
    }
    Arrays.sort(shard.subs, 0, n);
    int unique = 0;
    for (int k = 0; k < n; k++) {
      if (unique == 0 || shard.subs[k] != shard.subs[unique - 1]) {
        shard.subs[unique++] = shard.subs[k];
      }
    }
    shard.subs = Arrays.copyOf(shard.subs, unique);
    return shard;
  }

  /** The largest token or element id of the shard's records. */
  int maxId() {
    return maxId;
  }

  /** The members of all sub-keys, each counted once per sub-key (what {@link #verify} reports). */
  long members() {
    long n = 0;
    for (long sub : subs) {
      n += size(sub);
    }
    return n;
  }

  /**
   * Verifies every sub-key; {@code done} gets each one's member count after it. An element's sorted
   * buckets are dropped when the next element starts.
   */
  void verify(SubKeyJoin join, SubKeyJoin.Sink sink, LongConsumer done) {
    List<SubKeyJoin.Side> used = new ArrayList<>();
    for (int k = 0; k < subs.length; k++) {
      long sub = subs[k];
      if (k > 0 && sub >>> 24 != subs[k - 1] >>> 24) {
        used.forEach(SubKeyJoin.Side::release);
        used.clear();
      }
      SubKeyJoin.Side left = sides.get(side(sub, true));
      SubKeyJoin.Side right = sides.get(side(sub, false));
      if (left != null) {
        used.add(left);
      }
      if (right != null) {
        used.add(right);
      }
      done.accept(join.verify(sub, left, right, recs, sink));
    }
  }

  /** The key in {@link #sides} of a sub-key's bucket i (left) or j: element, then bucket. */
  private static long side(long sub, boolean left) {
    return ((sub >>> 24) << 12) | (left ? (sub >>> 12) & 0xFFF : sub & 0xFFF);
  }

  /** The members of a sub-key: its bucket's when i = j, else both buckets'. */
  private long size(long sub) {
    SubKeyJoin.Side left = sides.get(side(sub, true));
    long n = left == null ? 0 : left.size();
    if (side(sub, true) != side(sub, false)) {
      SubKeyJoin.Side right = sides.get(side(sub, false));
      n += right == null ? 0 : right.size();
    }
    return n;
  }
}
