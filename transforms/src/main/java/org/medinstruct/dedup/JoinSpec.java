package org.medinstruct.dedup;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.medinstruct.progress.Progress;

/**
 * The settings of one {@link DistributedDedup} join and what its DoFns derive from them: length
 * bounds, shard of a key, and the values built once per JVM from side inputs.
 */
final class JoinSpec implements Serializable {
  private static final double SLACK = 1e-6;
  private static final int CACHED_LENGTHS = 1024;

  final DedupPolicy policy;
  final double threshold;
  final double floor;
  final boolean candidatePairs;
  final int hotKeyBound;
  final int exactPoolLimit;
  final int shards;
  final String progressDir;
  private final String id = UUID.randomUUID().toString();
  private transient volatile int[] minPartnerLengths; // see minPartnerLength

  JoinSpec(
      DedupPolicy policy,
      double threshold,
      double neighbourFloor,
      boolean candidatePairs,
      int hotKeyBound,
      int exactPoolLimit,
      int shards,
      String progressDir) {
    this.policy = policy;
    this.threshold = threshold;
    this.floor = neighbourFloor;
    this.candidatePairs = candidatePairs;
    this.hotKeyBound = Math.max(1, hotKeyBound);
    this.exactPoolLimit = exactPoolLimit;
    this.shards = Math.max(1, shards);
    this.progressDir = progressDir;
    this.blockGroups = Math.min(MAX_BLOCK_GROUPS, (int) Math.ceil(Math.sqrt(2.0 * this.shards)));
  }

  /** At most this many {@link #blockGroups}: 78 group pairs spread one split element's work. */
  static final int MAX_BLOCK_GROUPS = 12;

  /**
   * Buckets of a split element are routed in this many contiguous groups: the sub-keys (i, j) of
   * groups (gi, gj) share a shard, so a record travels to at most this many shards per element (one
   * pair of its own group) instead of one per bucket, and the element's work still spreads over
   * g(g+1)/2 group pairs. With few shards (tests) g is about sqrt(2 shards).
   */
  final int blockGroups;

  JoinSpec withShards(int n) {
    return new JoinSpec(
        policy, threshold, floor, candidatePairs, hotKeyBound, exactPoolLimit, n, progressDir);
  }

  /** The same settings under a new id, so two joins never share per-JVM values. */
  JoinSpec fresh() {
    return withShards(shards);
  }

  JoinSpec withProgressDir(String dir) {
    return new JoinSpec(
        policy, threshold, floor, candidatePairs, hotKeyBound, exactPoolLimit, shards, dir);
  }

  // ---------------------------------------------------------------- bounds

  private double joinThreshold() {
    return Math.min(threshold, floor);
  }

  int required(int a, int b) {
    return Math.max(1, (int) Math.ceil(joinThreshold() * (a + b) / 2.0 - SLACK));
  }

  /**
   * {@link #computeMinPartnerLength} for lengths below {@value #CACHED_LENGTHS}, computed once per
   * instance: the join asks for it per record and sub-key (3 % of a dense join's samples on a
   * TaskManager).
   */
  int minPartnerLength(int a) {
    if (a < 0 || a >= CACHED_LENGTHS) {
      return computeMinPartnerLength(a);
    }
    int[] cache = minPartnerLengths;
    if (cache == null) {
      cache = new int[CACHED_LENGTHS];
      for (int k = 0; k < CACHED_LENGTHS; k++) {
        cache[k] = computeMinPartnerLength(k);
      }
      minPartnerLengths = cache;
    }
    return cache[a];
  }

  private int computeMinPartnerLength(int a) {
    double jt = joinThreshold();
    int b = Math.max(1, (int) (jt * a / (2 - jt)) - 3);
    while (b < a && required(a, b) > b) {
      b++;
    }
    return b;
  }

  /**
   * The longest partner a record of length {@code a} can reach the join threshold with when their
   * first common element is at position {@code pos} of its elements: nothing before it is shared,
   * so at most {@code a - pos} elements are, and the required overlap grows with the partner's
   * length. Pairs past it fail the position filter, so the join never enumerates them.
   */
  int maxPartnerLength(int a, int pos) {
    int shareable = a - pos;
    double jt = joinThreshold();
    if (!(jt > 0)) {
      return Integer.MAX_VALUE;
    }
    double bound = 2 * (shareable + SLACK) / jt - a;
    if (bound >= Integer.MAX_VALUE / 2.0) {
      return Integer.MAX_VALUE;
    }
    int b = Math.max(0, (int) bound);
    while (b > 0 && required(a, b) > shareable) {
      b--;
    }
    while (required(a, b + 1) <= shareable) {
      b++;
    }
    return b;
  }

  /**
   * The last position of its elements at which a record of length {@code own} can have its first
   * element in common with a partner of length {@code partner} and still reach the join threshold
   * (the position filter from its side).
   */
  int lastFirstCommonPosition(int own, int partner) {
    return own - required(own, partner);
  }

  int prefixLength(int a) {
    return Math.min(a, Math.max(1, a - required(a, minPartnerLength(a)) + 1));
  }

  boolean lengthsFeasible(int a, int b) {
    return required(a, b) <= Math.min(a, b);
  }

  /**
   * Whether candidate {@code me}'s decision can use its edge to {@code other} scored {@code f} (as
   * {@link Resolution#needed} decides): under GREEDY a later candidate below the floor can neither
   * knock {@code me} out nor be its nearest neighbour, so the join does not send that half at all
   * (half of a dense corpus's halves when no neighbours are reported).
   */
  boolean usesHalf(Rec me, Rec other, double f) {
    return other.pool || policy != DedupPolicy.GREEDY || f >= floor || other.compareKey(me) < 0;
  }

  /** Kept records report partners at or above the floor only when it is at most 1. */
  boolean needTexts() {
    return floor <= 1;
  }

  // ---------------------------------------------------------------- keys

  /** Bucket of a record in a hot key split into m buckets. */
  static int bucket(String key, int m) {
    int h = key.hashCode() * 0x9E3779B9;
    return Math.floorMod(h ^ (h >>> 16), m);
  }

  /** Number of buckets for a posting list of {@code size} under bound B. */
  static int buckets(long size, int bound) {
    return (int) Math.min(4096, Math.max(1, (size + bound - 1) / bound));
  }

  private static int mix(long v) {
    v ^= v >>> 33;
    v *= 0xff51afd7ed558ccdL;
    v ^= v >>> 33;
    v *= 0xc4ceb9fe1a85ec53L;
    v ^= v >>> 33;
    return (int) v;
  }

  int shardOf(String key) {
    return Math.floorMod(mix(key.hashCode()), shards);
  }

  int shardOf(long subKey) {
    return Math.floorMod(mix(subKey), shards);
  }

  /** Shard of sub-key (lo, hi) of element e split into m buckets (see {@link #blockGroups}). */
  int shardOf(int e, int lo, int hi, int m) {
    int g = Math.min(m, blockGroups);
    long gl = (long) lo * g / m;
    long gh = (long) hi * g / m;
    return shardOf((((long) e) << 24) | (gl << 12) | gh);
  }

  // ---------------------------------------------------------------- per JVM

  /** Rank of every element, rarest first (ties by text), from the shards' merged counts. */
  Map<String, Integer> ranks(List<byte[]> shardsCounts) {
    return SharedState.get(id + "/rank", () -> rank(shardsCounts));
  }

  private static Map<String, Integer> rank(List<byte[]> shardsCounts) {
    List<String> names = new ArrayList<>();
    List<Long> freq = new ArrayList<>();
    for (byte[] b : shardsCounts) {
      Blob.Reader r = new Blob.Reader(b);
      while (r.more()) {
        names.add(r.str());
        freq.add(r.varlong());
      }
    }
    Integer[] order = new Integer[names.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer>comparingLong(freq::get).thenComparing(names::get));
    Map<String, Integer> rank = new HashMap<>(order.length * 2);
    for (int i = 0; i < order.length; i++) {
      rank.put(names.get(order[i]), i);
    }
    return rank;
  }

  /** Posting-list size of every hot element, from the shards' lists. */
  Map<Long, Long> hotSizes(List<byte[]> hotLists) {
    return SharedState.get(
        id + "/hot",
        () -> {
          Map<Long, Long> m = new HashMap<>();
          for (byte[] b : hotLists) {
            Blob.Reader r = new Blob.Reader(b);
            while (r.more()) {
              m.put(r.varlong(), r.varlong());
            }
          }
          return m;
        });
  }

  List<String> poolList(List<String> view) {
    return SharedState.get(id + "/pool", () -> new ArrayList<>(view));
  }

  Progress progress() {
    return Progress.forDir(progressDir);
  }

  /**
   * The join record of one input record (see {@link ToRecordFn}), or null when it has no tokens.
   */
  Rec rec(byte[] input, Map<String, Integer> rank) {
    return Rec.of(input, rank, needTexts());
  }
}
