package org.medinstruct.dedup;

import java.util.Arrays;

/**
 * Dense ids 0, 1, 2, ... for packed keys ({@link Blob#pack}), in the order they are first seen: an
 * open-addressing table of longs, so that a shard's hundreds of millions of half edges find their
 * candidate without a String or a boxed key each.
 */
final class PackedKeyIds {
  private static final long EMPTY = -1; // packed keys are never negative

  private long[] keys;
  private int[] ids;
  private long[] byId = new long[16];
  private int size;

  PackedKeyIds(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    ids = new int[capacity];
    Arrays.fill(keys, EMPTY);
  }

  int size() {
    return size;
  }

  /** The id of {@code packed}, given the next id when it is new. */
  int idOf(long packed) {
    int slot = find(packed);
    if (keys[slot] == EMPTY) {
      keys[slot] = packed;
      if (size == byId.length) {
        byId = Arrays.copyOf(byId, size * 2);
      }
      byId[size] = packed;
      ids[slot] = size++;
      if (size * 2 > keys.length) {
        grow();
        return get(packed);
      }
      return size - 1;
    }
    return ids[slot];
  }

  /** The packed key of {@code id}. */
  long key(int id) {
    return byId[id];
  }

  /** The id of {@code packed}, or -1 when it was never seen. */
  int get(long packed) {
    if (packed < 0) {
      return -1;
    }
    int slot = find(packed);
    return keys[slot] == EMPTY ? -1 : ids[slot];
  }

  private int find(long packed) {
    int mask = keys.length - 1;
    long h = packed * 0x9E3779B97F4A7C15L;
    int slot = (int) (h ^ (h >>> 32)) & mask;
    while (keys[slot] != EMPTY && keys[slot] != packed) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldIds = ids;
    keys = new long[oldKeys.length * 2];
    ids = new int[oldIds.length * 2];
    Arrays.fill(keys, EMPTY);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int slot = find(oldKeys[i]);
        keys[slot] = oldKeys[i];
        ids[slot] = oldIds[i];
      }
    }
  }
}
