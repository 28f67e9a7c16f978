package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A record in the join: global token ids and its elements sorted by global rank. */
final class Rec {
  final boolean pool;

  /** A candidate's key ({@link #key}), null until asked for when it packs. */
  private String key;

  /** A candidate's key as {@link Blob#pack} packs it, or -1 (pool items, keys that do not pack). */
  final long packedKey;

  final int poolIndex; // pool items
  final int[] seq;
  final int[] elements;
  final String text; // candidates, when kept records report neighbours
  final OverlapSignature signature;

  /** The record's index among its join shard's records ({@link VerifyFn}), -1 elsewhere. */
  int slot = -1;

  /**
   * {@link VerifyFn}'s per-record memos, -1 until first used: the shard of the record's key, and
   * its id among the records the worker's edges touched (the join hashed the key's String for each
   * similar pair before).
   */
  int keyShard = -1;

  int sentId = -1;

  Rec(boolean pool, String key, int poolIndex, int[] seq, int[] elements, String text) {
    this(pool, key, key == null ? -1 : Blob.pack(key), poolIndex, seq, elements, text);
  }

  private Rec(
      boolean pool,
      String key,
      long packedKey,
      int poolIndex,
      int[] seq,
      int[] elements,
      String text) {
    this.pool = pool;
    this.key = key;
    this.packedKey = packedKey;
    this.poolIndex = poolIndex;
    this.seq = seq;
    this.elements = elements;
    this.text = text;
    this.signature = OverlapSignature.of(elements);
  }

  void write(Blob.Writer w) {
    w.bool(pool);
    if (pool) {
      w.varint(poolIndex);
    } else {
      // A record travels to most join shards: dedup's order keys pack to 4 bytes.
      if (packedKey >= 0) {
        w.packedKey(packedKey);
      } else {
        w.key(key);
      }
    }
    w.ints(seq).sortedInts(elements).str(text);
  }

  /** A candidate's key; one that packs is made a String only here (most never are in a join). */
  String key() {
    if (key == null && packedKey >= 0) {
      key = Blob.unpack(packedKey);
    }
    return key;
  }

  /** Compares two candidates' keys as their strings compare. */
  int compareKey(Rec o) {
    return packedKey >= 0 && o.packedKey >= 0
        ? Blob.comparePacked(packedKey, o.packedKey)
        : key().compareTo(o.key());
  }

  static Rec read(Blob.Reader r) {
    boolean pool = r.bool();
    long packed = pool ? -1 : r.packedKey();
    String key = pool || packed >= 0 ? null : r.key();
    int index = pool ? r.varint() : -1;
    return new Rec(pool, key, packed, index, r.ints(), r.sortedInts(), r.str());
  }

  /** The k-th occurrence of a token as one element (as in {@link PrefixJoin}). */
  static String element(String token, int k) {
    return k == 0 ? token : token + '\u0001' + k;
  }

  /** Tokens of a record's text and their occurrence elements. */
  static List<String> elements(String text) {
    return elements(RougeL.tokenize(text));
  }

  /** The occurrence elements of a record's tokens. */
  static List<String> elements(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    Map<String, Integer> seen = new HashMap<>();
    for (String t : tokens) {
      int k = seen.merge(t, 1, Integer::sum) - 1;
      out.add(element(t, k));
    }
    return out;
  }

  /** Builds the join record of one input record, or null when it has no tokens. */
  static Rec of(byte[] input, Map<String, Integer> rank, boolean needTexts) {
    Blob.Reader r = new Blob.Reader(input);
    boolean pool = r.bool();
    String key = r.str();
    String text = r.str();
    List<String> tokens = RougeL.tokenize(text);
    if (tokens.isEmpty()) {
      return null; // scores 0 against everything
    }
    int[] seq = new int[tokens.size()];
    int[] el = new int[tokens.size()];
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < seq.length; i++) {
      String t = tokens.get(i);
      int k = seen.merge(t, 1, Integer::sum) - 1;
      seq[i] = rank.get(t);
      el[i] = rank.get(element(t, k));
    }
    Arrays.sort(el);
    return new Rec(
        pool,
        pool ? null : key,
        pool ? Integer.parseInt(key) : -1,
        seq,
        el,
        pool || !needTexts ? null : text);
  }
}
