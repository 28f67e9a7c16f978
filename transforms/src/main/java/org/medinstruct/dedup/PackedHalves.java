package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The half edges of one {@link AssembleFn} shard whose candidate and partner keys both pack ({@link
 * Blob#pack}) and that carry no partner text, held as arrays grouped by candidate: about 24 bytes a
 * half instead of a {@link Half} with its Strings (a dense corpus's shard holds millions of them).
 */
final class PackedHalves {
  private final PackedKeyIds owners = new PackedKeyIds(1024);
  private int[] owner = new int[1024];
  private long[] partner = new long[1024];
  private double[] score = new double[1024];
  private int size;
  private int[] start; // by owner id: its halves are order[start[id], start[id + 1])
  private int[] order;

  void add(long me, long partnerKey, double f) {
    if (size == owner.length) {
      int n = size * 2;
      owner = Arrays.copyOf(owner, n);
      partner = Arrays.copyOf(partner, n);
      score = Arrays.copyOf(score, n);
    }
    owner[size] = owners.idOf(me);
    partner[size] = partnerKey;
    score[size++] = f;
  }

  /** Groups the halves by candidate; call once, after the last {@link #add}. */
  void group() {
    int n = owners.size();
    start = new int[n + 1];
    for (int i = 0; i < size; i++) {
      start[owner[i] + 1]++;
    }
    for (int id = 0; id < n; id++) {
      start[id + 1] += start[id];
    }
    order = new int[size];
    int[] fill = Arrays.copyOf(start, n);
    for (int i = 0; i < size; i++) {
      order[fill[owner[i]]++] = i;
    }
    owner = null;
  }

  /** How many candidates have halves here. */
  int candidates() {
    return owners.size();
  }

  /** The packed key of candidate {@code id}. */
  long key(int id) {
    return owners.key(id);
  }

  /** The id of the candidate with {@code key}, or -1 when it has no halves here. */
  int idOf(String key) {
    return owners.get(Blob.pack(key));
  }

  int from(int id) {
    return start[id];
  }

  int to(int id) {
    return start[id + 1];
  }

  /** The partner of the k-th half in candidate order ({@link #from} to {@link #to}). */
  long partner(int k) {
    return partner[order[k]];
  }

  double score(int k) {
    return score[order[k]];
  }

  /** Candidate {@code id}'s halves as {@link Half}s, after {@code others}. */
  List<Half> halves(int id, List<Half> others) {
    List<Half> out = new ArrayList<>(others.size() + to(id) - from(id));
    out.addAll(others);
    for (int k = from(id); k < to(id); k++) {
      out.add(new Half(Blob.unpack(partner(k)), false, -1, null, score(k)));
    }
    return out;
  }
}
