package org.medinstruct.dedup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.medinstruct.progress.Progress;

/**
 * Exact ROUGE-L dedup as a distributed similarity join in Beam: the same decisions as {@link
 * SimilarityDedup} (and {@link BruteForce}), with no step that holds the records on one worker.
 *
 * <ol>
 *   <li>Token-occurrence elements ((token, k-th occurrence), as in {@link PrefixJoin}) are counted
 *       per bundle and merged per shard; the vocabulary is ranked rarest first in every worker from
 *       a side input of the shards' counts.
 *   <li>Each record (candidates and pool items; pool items only knock out) has prefix elements long
 *       enough for min(threshold, neighbourFloor) against its shortest feasible partner, so every
 *       wanted pair shares a prefix element.
 *   <li>Hot elements: one whose posting list exceeds {@code hotKeyBound} B gets m = ceil(size / B)
 *       record-hash buckets and sub-keys (i, j), i &le; j; a record of bucket b belongs to the m
 *       sub-keys (min(b, j), max(b, j)), so a sub-key does at most about B² pair checks.
 *   <li>Sub-keys are hashed onto a fixed number of shards (the GroupByKey keys: bounded, so no
 *       runner handles one key per token). Per sub-key: length filter, the pair is only taken under
 *       its FIRST common prefix element (verified once), multiset-overlap bound, exact bit-parallel
 *       LCS; pairs with F &gt; threshold or F &ge; floor become edges.
 *   <li>Connected components of candidate-candidate edges above the threshold (the only edges the
 *       greedy order propagates along) by union-find over that sparse edge list; each component
 *       resolves the policy in key order, components in parallel. Candidates in no such edge are
 *       decided on their own.
 * </ol>
 *
 * <p>What is shuffled travels as batches of records in one compact byte array per shard and bundle
 * ({@link Blob}), so a shuffle moves a few large arrays, never Java-serialized objects. Keys order
 * the candidates (the greedy order, and lowest-index tie-breaks) and must be unique; pool items are
 * ranked by their position in the pool list. The nearest pool item is exact when the pool has at
 * most {@code exactPoolLimit} items, as in {@link SimilarityDedup}. Metrics in namespace {@code
 * dedup}; live progress (stages {@code dedup-index}, {@code dedup-join}, {@code dedup-decide}) goes
 * to the progress directory when one is given.
 */
public final class DistributedDedup implements Serializable {
  public static final String METRICS = "dedup";
  public static final int DEFAULT_HOT_KEY_BOUND = 2000;

  /** GroupByKey keys per shuffle: enough to spread over workers, few enough for any runner. */
  public static final int DEFAULT_SHARDS = 64;

  /** Progress stages (see {@link Progress}). */
  public static final String STAGE_INDEX = "dedup-index";

  public static final String STAGE_JOIN = "dedup-join";
  public static final String STAGE_DECIDE = "dedup-decide";
  private static final double SLACK = 1e-6;
  private static final int BATCH_BYTES = 1 << 20;

  /**
   * A record of the join; {@code payload} (opaque bytes) travels with candidates to their decision.
   */
  public record Item(String key, String text, byte[] payload) {}

  /**
   * Outcome of one candidate: nearest / nearestScore as {@link DedupResult#nearest(int)} (text),
   * nearestPool / nearestPoolScore as {@link DedupResult#nearestPool(int)}; null / NaN when none.
   */
  public record Decision(
      Item item,
      boolean kept,
      String nearest,
      double nearestScore,
      String nearestPool,
      double nearestPoolScore) {}

  private final DedupPolicy policy;
  private final double threshold;
  private final double floor;
  private final boolean candidatePairs;
  private final int hotKeyBound;
  private final int exactPoolLimit;
  private final int shards;
  private final String progressDir;
  private final String id = UUID.randomUUID().toString();

  /**
   * @param policy how candidate-candidate edges above the threshold decide
   * @param candidatePairs false for decontamination: only candidate-pool pairs are joined
   */
  public DistributedDedup(
      DedupPolicy policy,
      double threshold,
      double neighbourFloor,
      boolean candidatePairs,
      int hotKeyBound,
      int exactPoolLimit) {
    this(
        policy,
        threshold,
        neighbourFloor,
        candidatePairs,
        hotKeyBound,
        exactPoolLimit,
        DEFAULT_SHARDS,
        null);
  }

  private DistributedDedup(
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
  }

  /** The same join with {@code n} shuffle keys per stage. */
  public DistributedDedup withShards(int n) {
    return new DistributedDedup(
        policy, threshold, floor, candidatePairs, hotKeyBound, exactPoolLimit, n, progressDir);
  }

  /** Live progress counters go to this directory (null: none). */
  public DistributedDedup withProgressDir(String dir) {
    return new DistributedDedup(
        policy, threshold, floor, candidatePairs, hotKeyBound, exactPoolLimit, shards, dir);
  }

  // ---------------------------------------------------------------- bounds

  private double joinThreshold() {
    return Math.min(threshold, floor);
  }

  int required(int a, int b) {
    return Math.max(1, (int) Math.ceil(joinThreshold() * (a + b) / 2.0 - SLACK));
  }

  int minPartnerLength(int a) {
    double jt = joinThreshold();
    int b = Math.max(1, (int) (jt * a / (2 - jt)) - 3);
    while (b < a && required(a, b) > b) {
      b++;
    }
    return b;
  }

  int prefixLength(int a) {
    return Math.min(a, Math.max(1, a - required(a, minPartnerLength(a)) + 1));
  }

  boolean lengthsFeasible(int a, int b) {
    return required(a, b) <= Math.min(a, b);
  }

  /** Kept records report partners at or above the floor only when it is at most 1. */
  private boolean needTexts() {
    return floor <= 1;
  }

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

  private int shardOf(String key) {
    return Math.floorMod(mix(key.hashCode()), shards);
  }

  private int shardOf(long subKey) {
    return Math.floorMod(mix(subKey), shards);
  }

  private static String element(String token, int k) {
    return k == 0 ? token : token + '\u0001' + k;
  }

  // ---------------------------------------------------------------- coders

  /** Compact, deterministic coder of {@link Item}. */
  public static final class ItemCoder extends AtomicCoder<Item> {
    private static final ItemCoder INSTANCE = new ItemCoder();

    public static ItemCoder of() {
      return INSTANCE;
    }

    static void write(Blob.Writer w, Item item) {
      w.str(item.key()).str(item.text()).bytes(item.payload());
    }

    static Item read(Blob.Reader r) {
      return new Item(r.str(), r.str(), r.bytes());
    }

    @Override
    public void encode(Item value, OutputStream out) throws IOException {
      Blob.Writer w = new Blob.Writer(256);
      write(w, value);
      ByteArrayCoder.of().encode(w.toBytes(), out);
    }

    @Override
    public Item decode(InputStream in) throws IOException {
      return read(new Blob.Reader(ByteArrayCoder.of().decode(in)));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Compact, deterministic coder of {@link Decision}; a null item is allowed (a marker). */
  public static final class DecisionCoder extends AtomicCoder<Decision> {
    private static final DecisionCoder INSTANCE = new DecisionCoder();

    public static DecisionCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Decision d, OutputStream out) throws IOException {
      Blob.Writer w = new Blob.Writer(256);
      w.bool(d.item() != null);
      if (d.item() != null) {
        ItemCoder.write(w, d.item());
      }
      w.bool(d.kept())
          .str(d.nearest())
          .f64(d.nearestScore())
          .str(d.nearestPool())
          .f64(d.nearestPoolScore());
      ByteArrayCoder.of().encode(w.toBytes(), out);
    }

    @Override
    public Decision decode(InputStream in) throws IOException {
      Blob.Reader r = new Blob.Reader(ByteArrayCoder.of().decode(in));
      Item item = r.bool() ? ItemCoder.read(r) : null;
      return new Decision(item, r.bool(), r.str(), r.f64(), r.str(), r.f64());
    }

    @Override
    public void verifyDeterministic() {}
  }

  private static final Coder<KV<Integer, byte[]>> BATCH =
      KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of());

  // ---------------------------------------------------------------- pipeline

  /** Pool texts (ordered list, one element) as Items keyed by their position. */
  public static PCollection<Item> poolItems(
      Pipeline p, String name, PCollectionView<List<String>> texts) {
    return p.apply(name + "Start", Create.of((Void) null).withCoder(VoidCoder.of()))
        .apply(
            name + "Items",
            ParDo.of(
                    new DoFn<Void, Item>() {
                      @ProcessElement
                      public void process(ProcessContext c) {
                        List<String> t = c.sideInput(texts);
                        for (int i = 0; i < t.size(); i++) {
                          c.output(new Item(Integer.toString(i), t.get(i), null));
                        }
                      }
                    })
                .withSideInputs(texts))
        .setCoder(ItemCoder.of());
  }

  /**
   * Decides every candidate. {@code poolTexts} is the ordered pool as one list; {@code pool} the
   * same items as a PCollection (see {@link #poolItems}).
   */
  public PCollection<Decision> apply(
      String name,
      PCollection<Item> candidates,
      PCollection<Item> pool,
      PCollectionView<List<String>> poolTexts) {
    // Join records without payloads: candidates by key, pool items by position.
    PCollection<byte[]> records =
        PCollectionList.of(
                candidates.apply(name + "CandidateRecords", ParDo.of(new ToRecordFn(false))))
            .and(pool.apply(name + "PoolRecords", ParDo.of(new ToRecordFn(true))))
            .apply(name + "AllRecords", Flatten.pCollections());

    // (a) element frequencies, merged per shard; every worker ranks the vocabulary from them.
    PCollectionView<List<byte[]>> counts =
        records
            .apply(name + "CountElements", ParDo.of(new CountElementsFn(this)))
            .setCoder(BATCH)
            .apply(name + "GroupElementCounts", GroupByKey.create())
            .apply(name + "MergeElementCounts", ParDo.of(new MergeCountsFn(Long.MIN_VALUE)))
            .setCoder(ByteArrayCoder.of())
            .apply(name + "ElementCountsView", View.asList());

    // (b) posting sizes of prefix elements; hot ones are split into buckets.
    PCollectionView<List<byte[]>> hot =
        records
            .apply(
                name + "CountPostings",
                ParDo.of(new CountPostingsFn(this, counts)).withSideInputs(counts))
            .setCoder(BATCH)
            .apply(name + "GroupPostingCounts", GroupByKey.create())
            .apply(name + "HotElements", ParDo.of(new MergeCountsFn(hotKeyBound)))
            .setCoder(ByteArrayCoder.of())
            .apply(name + "HotElementsView", View.asList());

    // (c, d) records to the shards of their (sub-)keys; verify each pair once.
    TupleTag<KV<Integer, byte[]>> halvesTag = new TupleTag<>() {};
    TupleTag<KV<Integer, byte[]>> edgesTag = new TupleTag<>() {};
    PCollectionTuple verified =
        records
            .apply(
                name + "EmitPostings",
                ParDo.of(new EmitPostingsFn(this, counts, hot)).withSideInputs(counts, hot))
            .setCoder(BATCH)
            .apply(name + "GroupPostings", GroupByKey.create())
            .apply(
                name + "Verify",
                ParDo.of(new VerifyFn(this, halvesTag, edgesTag))
                    .withOutputTags(halvesTag, TupleTagList.of(edgesTag)));

    // (e) components of the candidate edges above the threshold: union-find over them.
    PCollection<KV<Integer, byte[]>> labels =
        verified
            .get(edgesTag)
            .setCoder(BATCH)
            .apply(name + "GatherEdgeList", GroupByKey.create())
            .apply(name + "UnionFind", ParDo.of(new UnionFindFn(this)))
            .setCoder(BATCH);
    PCollection<KV<Integer, byte[]>> cands =
        candidates
            .apply(
                name + "NearestPool",
                ParDo.of(new PoolScanFn(this, poolTexts)).withSideInputs(poolTexts))
            .setCoder(BATCH);

    TupleTag<Decision> lonelyTag = new TupleTag<>() {};
    TupleTag<KV<Integer, byte[]>> nodeTag = new TupleTag<>() {};
    PCollectionTuple assembled =
        PCollectionList.of(cands)
            .and(verified.get(halvesTag).setCoder(BATCH))
            .and(labels)
            .apply(name + "NodeParts", Flatten.pCollections())
            .apply(name + "GroupNodeParts", GroupByKey.create())
            .apply(
                name + "AssembleNodes",
                ParDo.of(new AssembleFn(this, poolTexts, nodeTag, lonelyTag))
                    .withSideInputs(poolTexts)
                    .withOutputTags(nodeTag, TupleTagList.of(lonelyTag)));
    PCollection<Decision> resolved =
        assembled
            .get(nodeTag)
            .setCoder(BATCH)
            .apply(name + "GroupComponents", GroupByKey.create())
            .apply(
                name + "ResolveComponents",
                ParDo.of(new ResolveFn(this, poolTexts)).withSideInputs(poolTexts))
            .setCoder(DecisionCoder.of());
    return PCollectionList.of(assembled.get(lonelyTag).setCoder(DecisionCoder.of()))
        .and(resolved)
        .apply(name + "Decisions", Flatten.pCollections());
  }

  // ---------------------------------------------------------------- shared state per JVM

  /** Values derived from side inputs, built once per JVM and join (not once per DoFn instance). */
  private static final Map<String, Object> SHARED =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
          return size() > 8;
        }
      };

  @SuppressWarnings("unchecked")
  private static <T> T shared(String key, Supplier<T> build) {
    synchronized (SHARED) {
      Object v = SHARED.get(key);
      if (v == null) {
        v = build.get();
        SHARED.put(key, v);
      }
      return (T) v;
    }
  }

  /** Rank of every element, rarest first (ties by text), from the shards' merged counts. */
  private Map<String, Integer> ranks(List<byte[]> shardsCounts) {
    return shared(
        id + "/rank",
        () -> {
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
          Arrays.sort(
              order, Comparator.<Integer>comparingLong(freq::get).thenComparing(names::get));
          Map<String, Integer> rank = new HashMap<>(order.length * 2);
          for (int i = 0; i < order.length; i++) {
            rank.put(names.get(order[i]), i);
          }
          return rank;
        });
  }

  private Map<Long, Long> hotSizes(List<byte[]> hotLists) {
    return shared(
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

  private List<String> poolList(List<String> view) {
    return shared(id + "/pool", () -> new ArrayList<>(view));
  }

  private Progress progress() {
    return Progress.forDir(progressDir);
  }

  // ---------------------------------------------------------------- records

  /** A record in the join: global token ids and its elements sorted by global rank. */
  static final class Rec {
    final boolean pool;
    final String key; // candidates
    final int poolIndex; // pool items
    final int[] seq;
    final int[] elements;
    final String text; // candidates, when kept records report neighbours

    Rec(boolean pool, String key, int poolIndex, int[] seq, int[] elements, String text) {
      this.pool = pool;
      this.key = key;
      this.poolIndex = poolIndex;
      this.seq = seq;
      this.elements = elements;
      this.text = text;
    }

    void write(Blob.Writer w) {
      w.bool(pool);
      if (pool) {
        w.varint(poolIndex);
      } else {
        w.str(key);
      }
      w.ints(seq).sortedInts(elements).str(text);
    }

    static Rec read(Blob.Reader r) {
      boolean pool = r.bool();
      String key = pool ? null : r.str();
      int index = pool ? r.varint() : -1;
      return new Rec(pool, key, index, r.ints(), r.sortedInts(), r.str());
    }
  }

  /** Candidate or pool item as (pool flag, key, text) bytes, without payload. */
  private static final class ToRecordFn extends DoFn<Item, byte[]> {
    private final boolean pool;

    ToRecordFn(boolean pool) {
      this.pool = pool;
    }

    @ProcessElement
    public void process(@Element Item item, OutputReceiver<byte[]> out) {
      out.output(
          new Blob.Writer(64 + item.text().length())
              .bool(pool)
              .str(item.key())
              .str(item.text())
              .toBytes());
    }
  }

  /** Tokens of a record's text and their occurrence elements. */
  private static List<String> elements(String text) {
    List<String> tokens = RougeL.tokenize(text);
    List<String> out = new ArrayList<>(tokens.size());
    Map<String, Integer> seen = new HashMap<>();
    for (String t : tokens) {
      int k = seen.merge(t, 1, Integer::sum) - 1;
      out.add(element(t, k));
    }
    return out;
  }

  /** Builds the join record of one input record, or null when it has no tokens. */
  private Rec rec(byte[] input, Map<String, Integer> rank) {
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
        pool || !needTexts() ? null : text);
  }

  /** Per-shard batches of one bundle, cut at about 1 MB. */
  private abstract static class Batching<I> extends DoFn<I, KV<Integer, byte[]>> {
    private transient Blob.Writer[] out;

    Blob.Writer shard(int s, int shards) {
      if (out == null) {
        out = new Blob.Writer[shards];
      }
      if (out[s] == null) {
        out[s] = new Blob.Writer(4096);
      }
      return out[s];
    }

    /** Emits shard s's batch if it is full. */
    void cut(int s, OutputReceiver<KV<Integer, byte[]>> receiver) {
      if (out[s].size() >= BATCH_BYTES) {
        receiver.output(KV.of(s, out[s].toBytes()));
        out[s].reset();
      }
    }

    /** Emits every non-empty batch, to the main output or to {@code tag}. */
    void flushAll(FinishBundleContext c, TupleTag<KV<Integer, byte[]>> tag) {
      if (out == null) {
        return;
      }
      for (int s = 0; s < out.length; s++) {
        if (out[s] != null && out[s].size() > 0) {
          KV<Integer, byte[]> kv = KV.of(s, out[s].toBytes());
          if (tag == null) {
            c.output(kv, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
          } else {
            c.output(tag, kv, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
          }
          out[s].reset();
        }
      }
    }
  }

  /** Counts elements per bundle; emits (element, count) batches by shard of the element. */
  private static final class CountElementsFn extends DoFn<byte[], KV<Integer, byte[]>> {
    private final DistributedDedup spec;
    private transient Map<String, long[]> counts;

    CountElementsFn(DistributedDedup spec) {
      this.spec = spec;
    }

    @StartBundle
    public void start() {
      counts = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element byte[] input) {
      Blob.Reader r = new Blob.Reader(input);
      r.bool();
      r.str();
      for (String e : elements(r.str())) {
        counts.computeIfAbsent(e, k -> new long[1])[0]++;
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      Blob.Writer[] w = new Blob.Writer[spec.shards];
      counts.forEach(
          (e, n) -> {
            int s = spec.shardOf(e);
            if (w[s] == null) {
              w[s] = new Blob.Writer(4096);
            }
            w[s].str(e).varint(n[0]);
          });
      for (int s = 0; s < w.length; s++) {
        if (w[s] != null) {
          c.output(
              KV.of(s, w[s].toBytes()),
              GlobalWindow.INSTANCE.maxTimestamp(),
              GlobalWindow.INSTANCE);
        }
      }
      counts = null;
    }
  }

  /**
   * Merges one shard's (key, count) batches. With {@code minExclusive} = Long.MIN_VALUE keys are
   * element strings and all are kept; otherwise keys are posting sub-keys (varlong) and only those
   * with a count above it are kept.
   */
  private static final class MergeCountsFn extends DoFn<KV<Integer, Iterable<byte[]>>, byte[]> {
    private final long minExclusive;

    MergeCountsFn(long minExclusive) {
      this.minExclusive = minExclusive;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<byte[]>> batches, OutputReceiver<byte[]> out) {
      boolean strings = minExclusive == Long.MIN_VALUE;
      Map<Object, long[]> merged = new HashMap<>();
      for (byte[] b : batches.getValue()) {
        Blob.Reader r = new Blob.Reader(b);
        while (r.more()) {
          Object k = strings ? r.str() : (Object) r.varlong();
          merged.computeIfAbsent(k, x -> new long[1])[0] += r.varlong();
        }
      }
      Blob.Writer w = new Blob.Writer(16 * merged.size() + 16);
      merged.forEach(
          (k, n) -> {
            if (n[0] > minExclusive) {
              if (strings) {
                w.str((String) k);
              } else {
                w.varint((Long) k);
              }
              w.varint(n[0]);
            }
          });
      if (w.size() > 0) {
        out.output(w.toBytes());
      }
    }
  }

  /** Counts the prefix elements of the bundle's records (posting sizes), by shard of element. */
  private static final class CountPostingsFn extends DoFn<byte[], KV<Integer, byte[]>> {
    private final DistributedDedup spec;
    private final PCollectionView<List<byte[]>> counts;
    private transient Map<Long, long[]> sizes;

    CountPostingsFn(DistributedDedup spec, PCollectionView<List<byte[]>> counts) {
      this.spec = spec;
      this.counts = counts;
    }

    @StartBundle
    public void start() {
      sizes = new HashMap<>();
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Rec rec = spec.rec(c.element(), spec.ranks(c.sideInput(counts)));
      if (rec == null) {
        return;
      }
      for (int i = 0, n = spec.prefixLength(rec.elements.length); i < n; i++) {
        sizes.computeIfAbsent((long) rec.elements[i], x -> new long[1])[0]++;
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      Blob.Writer[] w = new Blob.Writer[spec.shards];
      sizes.forEach(
          (e, n) -> {
            int s = spec.shardOf(e);
            if (w[s] == null) {
              w[s] = new Blob.Writer(4096);
            }
            w[s].varint(e).varint(n[0]);
          });
      for (int s = 0; s < w.length; s++) {
        if (w[s] != null) {
          c.output(
              KV.of(s, w[s].toBytes()),
              GlobalWindow.INSTANCE.maxTimestamp(),
              GlobalWindow.INSTANCE);
        }
      }
      sizes = null;
    }
  }

  /**
   * Sends each record once to every shard that holds one of its (sub-)keys, with its memberships
   * (element, bucket i, bucket j, own bucket) there.
   */
  private static final class EmitPostingsFn extends Batching<byte[]> {
    private final DistributedDedup spec;
    private final PCollectionView<List<byte[]>> counts;
    private final PCollectionView<List<byte[]>> hot;
    private final Counter hotKeys = Metrics.counter(METRICS, "hotKeyPostings");

    EmitPostingsFn(
        DistributedDedup spec,
        PCollectionView<List<byte[]>> counts,
        PCollectionView<List<byte[]>> hot) {
      this.spec = spec;
      this.counts = counts;
      this.hot = hot;
    }

    @ProcessElement
    public void process(ProcessContext c, OutputReceiver<KV<Integer, byte[]>> out) {
      Rec rec = spec.rec(c.element(), spec.ranks(c.sideInput(counts)));
      Progress progress = spec.progress();
      if (rec == null) {
        if (progress != null) {
          progress.submitted(STAGE_INDEX, "records");
          progress.completed(STAGE_INDEX, "records", false, 0, 0);
        }
        return;
      }
      Map<Long, Long> hotSizes = spec.hotSizes(c.sideInput(hot));
      Map<Integer, List<long[]>> bySub = new HashMap<>();
      String recKey = rec.pool ? "\u0000pool" + rec.poolIndex : rec.key;
      for (int i = 0, n = spec.prefixLength(rec.elements.length); i < n; i++) {
        int e = rec.elements[i];
        Long size = hotSizes.get((long) e);
        if (size == null) {
          bySub
              .computeIfAbsent(spec.shardOf(((long) e) << 24), x -> new ArrayList<>())
              .add(new long[] {e, 0, 0, 0, i});
          continue;
        }
        hotKeys.inc();
        int m = buckets(size, spec.hotKeyBound);
        int b = bucket(recKey, m);
        for (int j = 0; j < m; j++) {
          int lo = Math.min(b, j), hi = Math.max(b, j);
          long sub = (((long) e) << 24) | ((long) lo << 12) | hi;
          bySub
              .computeIfAbsent(spec.shardOf(sub), x -> new ArrayList<>())
              .add(new long[] {e, lo, hi, b, i});
        }
      }
      for (Map.Entry<Integer, List<long[]>> en : bySub.entrySet()) {
        int s = en.getKey();
        Blob.Writer w = shard(s, spec.shards);
        rec.write(w);
        w.varint(en.getValue().size());
        for (long[] m : en.getValue()) {
          w.varint(m[0]).varint(m[1]).varint(m[2]).varint(m[3]).varint(m[4]);
        }
        if (progress != null) {
          progress.submitted(STAGE_JOIN, "postings");
        }
        cut(s, out);
      }
      if (progress != null) {
        progress.submitted(STAGE_INDEX, "records");
        progress.completed(STAGE_INDEX, "records", false, 0, 0);
        progress.flush(false);
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      flushAll(c, null);
      Progress progress = spec.progress();
      if (progress != null) {
        progress.flush(true);
      }
    }
  }

  /** A half edge seen from a candidate. */
  record Half(String partner, boolean pool, int poolIndex, String partnerText, double f) {
    void write(Blob.Writer w, String me) {
      w.str(me).bool(pool);
      if (pool) {
        w.varint(poolIndex);
      } else {
        w.str(partner).str(partnerText);
      }
      w.f64(f);
    }

    static Half read(Blob.Reader r) {
      boolean pool = r.bool();
      if (pool) {
        int index = r.varint();
        return new Half(null, true, index, null, r.f64());
      }
      String partner = r.str();
      String text = r.str();
      return new Half(partner, false, -1, text, r.f64());
    }

    /** Lower partner first: pool items by position, candidates by key. */
    int comparePartner(Half o) {
      return pool ? Integer.compare(poolIndex, o.poolIndex) : partner.compareTo(o.partner);
    }
  }

  private static final byte PART_CAND = 1;
  private static final byte PART_HALF = 2;
  private static final byte PART_LABEL = 3;

  /** Verifies the pairs of every (sub-)key of one shard. */
  private static final class VerifyFn extends Batching<KV<Integer, Iterable<byte[]>>> {
    private final DistributedDedup spec;
    private final TupleTag<KV<Integer, byte[]>> halvesTag;
    private final TupleTag<KV<Integer, byte[]>> edgesTag;
    private final Counter candidatePairs = Metrics.counter(METRICS, "candidatePairs");
    private final Counter verifiedPairs = Metrics.counter(METRICS, "verifiedPairs");
    private final Counter similarPairs = Metrics.counter(METRICS, "similarPairs");
    private final Distribution workPerKey = Metrics.distribution(METRICS, "maxWorkPerKey");
    private final Distribution keySize = Metrics.distribution(METRICS, "maxRecordsPerKey");
    private transient BitLcs lcs;
    private transient int capacity;
    private transient Blob.Writer edges;
    private transient long candidates;
    private transient long verified;

    VerifyFn(
        DistributedDedup spec,
        TupleTag<KV<Integer, byte[]>> halvesTag,
        TupleTag<KV<Integer, byte[]>> edgesTag) {
      this.spec = spec;
      this.halvesTag = halvesTag;
      this.edgesTag = edgesTag;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      List<Rec> recs = new ArrayList<>();
      Map<Long, List<long[]>> subs = new HashMap<>();
      int maxId = 0;
      Progress progress = spec.progress();
      for (byte[] batch : c.element().getValue()) {
        Blob.Reader r = new Blob.Reader(batch);
        while (r.more()) {
          Rec rec = Rec.read(r);
          int index = recs.size();
          recs.add(rec);
          for (int t : rec.seq) {
            maxId = Math.max(maxId, t);
          }
          for (int k = r.varint(); k > 0; k--) {
            long e = r.varlong(), lo = r.varlong(), hi = r.varlong(), b = r.varlong();
            long pos = r.varlong();
            subs.computeIfAbsent((e << 24) | (lo << 12) | hi, x -> new ArrayList<>())
                .add(new long[] {index, b, pos});
          }
        }
      }
      if (lcs == null || maxId >= capacity) {
        capacity = Math.max(maxId + 1, capacity * 2);
        lcs = new BitLcs(capacity);
      }
      if (edges == null) {
        edges = new Blob.Writer(4096);
      }
      long members = 0;
      for (List<long[]> m : subs.values()) {
        members += m.size();
      }
      long done = 0;
      long reported = 0;
      for (Map.Entry<Long, List<long[]>> sub : subs.entrySet()) {
        verifySubKey(c, sub.getKey(), sub.getValue(), recs);
        done += sub.getValue().size();
        long records = done * recs.size() / Math.max(1, members);
        if (progress != null && records - reported > 1000) {
          reportDone(progress, records - reported);
          reported = records;
        }
      }
      if (progress != null) {
        reportDone(progress, recs.size() - reported);
      }
      candidatePairs.inc(candidates);
      verifiedPairs.inc(verified);
      candidates = 0;
      verified = 0;
      if (edges.size() > 0) {
        c.output(edgesTag, KV.of(0, edges.toBytes()));
        edges.reset();
      }
    }

    private static void reportDone(Progress progress, long n) {
      for (long i = 0; i < n; i++) {
        progress.completed(STAGE_JOIN, "postings", false, 0, 0);
      }
      progress.flush(false);
    }

    /** A record in one sub-key: the position of the sub-key's element in its elements. */
    private record Member(Rec rec, int pos) {
      int length() {
        return rec.elements.length;
      }
    }

    private void verifySubKey(ProcessContext c, long key, List<long[]> members, List<Rec> recs) {
      int e = (int) (key >>> 24);
      int bi = (int) ((key >>> 12) & 0xFFF);
      int bj = (int) (key & 0xFFF);
      List<Member> left = new ArrayList<>();
      List<Member> right = new ArrayList<>();
      for (long[] m : members) {
        Member member = new Member(recs.get((int) m[0]), (int) m[2]);
        if (bi == bj || m[1] == bi) {
          left.add(member);
        } else {
          right.add(member);
        }
      }
      Comparator<Member> byLength = Comparator.comparingInt(Member::length);
      left.sort(byLength);
      right.sort(byLength);
      keySize.update(left.size() + right.size());
      long work = 0;
      // Pool-pool pairs are never wanted: a pool item steps only over the candidates after it.
      if (bi == bj) {
        int[] nextCand = nextCandidates(left);
        for (int u = 0; u < left.size(); u++) {
          Member x = left.get(u);
          boolean pool = x.rec().pool;
          for (int v = pool ? nextCand[u + 1] : u + 1;
              v < left.size();
              v = pool ? nextCand[v + 1] : v + 1) {
            Member y = left.get(v);
            if (!spec.lengthsFeasible(x.length(), y.length())) {
              break; // longer partners only get less feasible
            }
            work++;
            check(c, e, x, y);
          }
        }
      } else {
        List<Member> rightCands = new ArrayList<>();
        for (Member m : right) {
          if (!m.rec().pool) {
            rightCands.add(m);
          }
        }
        int[] lengths = lengths(right);
        int[] candLengths = lengths(rightCands);
        for (Member x : left) {
          boolean pool = x.rec().pool;
          List<Member> partners = pool ? rightCands : right;
          int[] ls = pool ? candLengths : lengths;
          int a = x.length();
          int from = lowerBound(ls, spec.minPartnerLength(a));
          for (int v = from; v < ls.length; v++) {
            if (!spec.lengthsFeasible(a, ls[v])) {
              if (ls[v] > a) {
                break;
              }
              continue;
            }
            work++;
            check(c, e, x, partners.get(v));
          }
        }
      }
      workPerKey.update(work);
    }

    private static int[] lengths(List<Member> members) {
      int[] out = new int[members.size()];
      for (int v = 0; v < out.length; v++) {
        out[v] = members.get(v).length();
      }
      return out;
    }

    /** next[v]: the first candidate (non-pool) member at or after v, or the size. */
    private static int[] nextCandidates(List<Member> members) {
      int[] next = new int[members.size() + 1];
      next[members.size()] = members.size();
      for (int v = members.size() - 1; v >= 0; v--) {
        next[v] = members.get(v).rec().pool ? next[v + 1] : v;
      }
      return next;
    }

    private static int lowerBound(int[] sorted, int value) {
      int lo = 0, hi = sorted.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (sorted[mid] < value) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    /**
     * Verifies a pair only if {@code e} (at positions i, j) is its first common prefix element; the
     * position filter is checked first, from those positions, in O(1).
     */
    private void check(ProcessContext c, int e, Member mx, Member my) {
      Rec x = mx.rec(), y = my.rec();
      if (x.pool && y.pool) {
        return;
      }
      if (!spec.candidatePairs && !x.pool && !y.pool) {
        return;
      }
      int[] sx = x.elements;
      int[] sy = y.elements;
      int a = sx.length, b = sy.length;
      if (!spec.lengthsFeasible(a, b)) {
        return;
      }
      int need = spec.required(a, b);
      int i = mx.pos(), j = my.pos();
      // Position filter: nothing before the first common element is shared.
      if (1 + Math.min(a - i - 1, b - j - 1) < need) {
        return;
      }
      if (sharesBefore(sx, i, sy, j)) {
        return; // verified under an earlier common prefix element
      }
      candidates++;
      if (!PrefixJoin.overlapReaches(sx, 0, sy, 0, 0, need)) {
        return;
      }
      verified++;
      lcs.load(x.seq);
      int l = lcs.lcs(y.seq);
      if (l < need) {
        return;
      }
      double f = RougeL.fmeasure(l, b, a);
      if (f > spec.threshold || f >= spec.floor) {
        similarPairs.inc();
        emit(c, x, y, f);
      }
    }

    private void emit(ProcessContext c, Rec x, Rec y, double f) {
      for (int side = 0; side < 2; side++) {
        Rec me = side == 0 ? x : y;
        Rec other = side == 0 ? y : x;
        if (me.pool) {
          continue;
        }
        int s = spec.shardOf(me.key);
        Blob.Writer w = shard(s, spec.shards);
        w.varint(PART_HALF);
        new Half(other.key, other.pool, other.poolIndex, other.text, f).write(w, me.key);
        if (w.size() >= BATCH_BYTES) {
          c.output(halvesTag, KV.of(s, w.toBytes()));
          w.reset();
        }
      }
      if (!x.pool && !y.pool && f > spec.threshold) {
        edges.str(x.key).str(y.key);
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      flushAll(c, halvesTag);
    }

    /** Whether x[0, i) and y[0, j) (ascending) have an element in common. */
    private static boolean sharesBefore(int[] x, int i, int[] y, int j) {
      int p = 0, q = 0;
      while (p < i && q < j) {
        if (x[p] == y[q]) {
          return true;
        } else if (x[p] < y[q]) {
          p++;
        } else {
          q++;
        }
      }
      return false;
    }
  }

  /** Connected components of the edge list; label = smallest key of the component. */
  private static final class UnionFindFn
      extends DoFn<KV<Integer, Iterable<byte[]>>, KV<Integer, byte[]>> {
    private final DistributedDedup spec;

    UnionFindFn(DistributedDedup spec) {
      this.spec = spec;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Map<String, Integer> id = new HashMap<>();
      List<String> names = new ArrayList<>();
      int[] pairs = new int[64];
      int np = 0;
      for (byte[] b : c.element().getValue()) {
        Blob.Reader r = new Blob.Reader(b);
        while (r.more()) {
          for (int s = 0; s < 2; s++) {
            String k = r.str();
            Integer v = id.get(k);
            if (v == null) {
              v = names.size();
              id.put(k, v);
              names.add(k);
            }
            if (np == pairs.length) {
              pairs = Arrays.copyOf(pairs, np * 2);
            }
            pairs[np++] = v;
          }
        }
      }
      int[] parent = new int[names.size()];
      for (int i = 0; i < parent.length; i++) {
        parent[i] = i;
      }
      for (int p = 0; p < np; p += 2) {
        int ra = find(parent, pairs[p]);
        int rb = find(parent, pairs[p + 1]);
        if (ra != rb) {
          // Root is the smaller key, so the label is the component's first candidate.
          if (names.get(ra).compareTo(names.get(rb)) < 0) {
            parent[rb] = ra;
          } else {
            parent[ra] = rb;
          }
        }
      }
      Metrics.distribution(METRICS, "componentNodes").update(names.size());
      Blob.Writer[] w = new Blob.Writer[spec.shards];
      for (int i = 0; i < names.size(); i++) {
        int s = spec.shardOf(names.get(i));
        if (w[s] == null) {
          w[s] = new Blob.Writer(4096);
        }
        w[s].varint(PART_LABEL).str(names.get(i)).str(names.get(find(parent, i)));
      }
      for (int s = 0; s < w.length; s++) {
        if (w[s] != null) {
          c.output(KV.of(s, w[s].toBytes()));
        }
      }
    }

    private static int find(int[] parent, int x) {
      while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
      }
      return x;
    }
  }

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

  /** Per candidate: the exact nearest pool item when the pool is small (as PoolScan). */
  private static final class PoolScanFn extends Batching<Item> {
    private final DistributedDedup spec;
    private final PCollectionView<List<String>> poolTexts;
    private transient Map<String, Integer> ids;
    private transient int[][] poolSeqs;
    private transient BitLcs lcs;
    private transient int capacity;

    PoolScanFn(DistributedDedup spec, PCollectionView<List<String>> poolTexts) {
      this.spec = spec;
      this.poolTexts = poolTexts;
    }

    private int[] ids(String text) {
      List<String> t = RougeL.tokenize(text);
      int[] s = new int[t.size()];
      for (int i = 0; i < s.length; i++) {
        Integer v = ids.putIfAbsent(t.get(i), ids.size());
        s[i] = v == null ? ids.size() - 1 : v;
      }
      return s;
    }

    @ProcessElement
    public void process(ProcessContext c, OutputReceiver<KV<Integer, byte[]>> out) {
      Item item = c.element();
      List<String> pool = spec.poolList(c.sideInput(poolTexts));
      int s = spec.shardOf(item.key());
      Blob.Writer w = shard(s, spec.shards);
      w.varint(PART_CAND);
      Progress progress = spec.progress();
      if (progress != null) {
        progress.submitted(STAGE_DECIDE, "records");
      }
      if (!spec.candidatePairs || pool.size() > spec.exactPoolLimit) {
        new Cand(item, false, -1, Double.NaN).write(w);
        cut(s, out);
        return;
      }
      if (ids == null) {
        ids = new HashMap<>();
        poolSeqs = new int[pool.size()][];
        for (int p = 0; p < pool.size(); p++) {
          poolSeqs[p] = ids(pool.get(p));
        }
      }
      int[] x = ids(item.text());
      if (lcs == null || ids.size() > capacity) {
        capacity = Math.max(ids.size() + 1024, capacity * 2);
        lcs = new BitLcs(capacity);
      }
      int bestIndex = -1;
      double best = 0.0;
      if (x.length > 0) {
        lcs.load(x);
        for (int p = 0; p < poolSeqs.length; p++) {
          int[] q = poolSeqs[p];
          if (q.length == 0) {
            continue;
          }
          double f = RougeL.fmeasure(lcs.lcs(q), q.length, x.length);
          if (f > best) {
            best = f;
            bestIndex = p;
          }
        }
      }
      new Cand(item, true, bestIndex, bestIndex < 0 ? Double.NaN : best).write(w);
      cut(s, out);
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      flushAll(c, null);
    }
  }

  /** A candidate with its edges and component label, as the resolution needs it. */
  record Node(Cand cand, List<Half> halves, String label) {
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

  /**
   * Per shard of candidates: joins each candidate with its halves and label. A candidate without a
   * label (no edge above the threshold to another candidate) is decided here; the others go to the
   * shard of their component.
   */
  private static final class AssembleFn
      extends DoFn<KV<Integer, Iterable<byte[]>>, KV<Integer, byte[]>> {
    private final DistributedDedup spec;
    private final PCollectionView<List<String>> poolTexts;
    private final TupleTag<KV<Integer, byte[]>> nodeTag;
    private final TupleTag<Decision> lonelyTag;

    AssembleFn(
        DistributedDedup spec,
        PCollectionView<List<String>> poolTexts,
        TupleTag<KV<Integer, byte[]>> nodeTag,
        TupleTag<Decision> lonelyTag) {
      this.spec = spec;
      this.poolTexts = poolTexts;
      this.nodeTag = nodeTag;
      this.lonelyTag = lonelyTag;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Map<String, Cand> cands = new HashMap<>();
      Map<String, List<Half>> halves = new HashMap<>();
      Map<String, String> labels = new HashMap<>();
      for (byte[] b : c.element().getValue()) {
        Blob.Reader r = new Blob.Reader(b);
        while (r.more()) {
          int part = r.varint();
          if (part == PART_CAND) {
            Cand cand = Cand.read(r);
            if (cands.put(cand.item().key(), cand) != null) {
              throw new IllegalStateException(
                  "candidate key '" + cand.item().key() + "' must be unique");
            }
          } else if (part == PART_HALF) {
            String me = r.str();
            halves.computeIfAbsent(me, k -> new ArrayList<>()).add(Half.read(r));
          } else {
            labels.put(r.str(), r.str());
          }
        }
      }
      List<String> pool = spec.poolList(c.sideInput(poolTexts));
      Progress progress = spec.progress();
      Blob.Writer[] w = new Blob.Writer[spec.shards];
      for (Cand cand : cands.values()) {
        String key = cand.item().key();
        List<Half> hs = halves.getOrDefault(key, List.of());
        String label = labels.get(key);
        Node node = new Node(cand, hs, label);
        if (label == null) {
          spec.resolve(List.of(node), pool, d -> c.output(lonelyTag, d));
          if (progress != null) {
            progress.completed(STAGE_DECIDE, "records", false, 0, 0);
          }
          continue;
        }
        int s = spec.shardOf(label);
        if (w[s] == null) {
          w[s] = new Blob.Writer(4096);
        }
        node.write(w[s]);
      }
      for (String key : halves.keySet()) {
        if (!cands.containsKey(key)) {
          throw new IllegalStateException("edge of unknown candidate '" + key + "'");
        }
      }
      for (int s = 0; s < w.length; s++) {
        if (w[s] != null) {
          c.output(KV.of(s, w[s].toBytes()));
        }
      }
      if (progress != null) {
        progress.flush(false);
      }
    }
  }

  /** Resolves the components of one shard, each in key order. */
  private static final class ResolveFn extends DoFn<KV<Integer, Iterable<byte[]>>, Decision> {
    private final DistributedDedup spec;
    private final PCollectionView<List<String>> poolTexts;
    private final Distribution componentSize = Metrics.distribution(METRICS, "componentSize");

    ResolveFn(DistributedDedup spec, PCollectionView<List<String>> poolTexts) {
      this.spec = spec;
      this.poolTexts = poolTexts;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Map<String, List<Node>> components = new HashMap<>();
      for (byte[] b : c.element().getValue()) {
        Blob.Reader r = new Blob.Reader(b);
        while (r.more()) {
          Node n = Node.read(r);
          components.computeIfAbsent(n.label(), k -> new ArrayList<>()).add(n);
        }
      }
      List<String> pool = spec.poolList(c.sideInput(poolTexts));
      Progress progress = spec.progress();
      for (List<Node> nodes : components.values()) {
        nodes.sort(Comparator.comparing(Node::key));
        componentSize.update(nodes.size());
        spec.resolve(nodes, pool, c::output);
        if (progress != null) {
          for (int i = 0; i < nodes.size(); i++) {
            progress.completed(STAGE_DECIDE, "records", false, 0, 0);
          }
          progress.flush(false);
        }
      }
    }
  }

  private static boolean better(Half h, Half best) {
    return best == null || h.f() > best.f() || (h.f() == best.f() && h.comparePartner(best) < 0);
  }

  /** Resolves one component (nodes in key order), as {@link SimilarityDedup#dedup} does. */
  private void resolve(
      List<Node> nodes, List<String> pool, java.util.function.Consumer<Decision> out) {
    Map<String, Node> byKey = new HashMap<>();
    for (Node n : nodes) {
      byKey.put(n.key(), n);
    }
    Map<String, Boolean> kept = new HashMap<>();
    double t = threshold;
    for (Node n : nodes) {
      String me = n.key();
      Half poolKnock = null, candKnock = null, nearestCand = null, bestPoolEdge = null;
      for (Half h : n.halves()) {
        if (h.pool()) {
          if (h.f() > t && better(h, poolKnock)) {
            poolKnock = h;
          }
          if (h.f() > 0 && better(h, bestPoolEdge)) {
            bestPoolEdge = h;
          }
        } else {
          boolean eligible =
              policy == DedupPolicy.DROP_ALL
                  || (h.partner().compareTo(me) < 0 && kept.getOrDefault(h.partner(), false));
          if (eligible && h.f() > t && better(h, candKnock)) {
            candKnock = h;
          }
          if (h.f() >= floor && better(h, nearestCand)) {
            nearestCand = h;
          }
        }
      }
      Half knocker = poolKnock;
      if (candKnock != null && (knocker == null || candKnock.f() > knocker.f())) {
        knocker = candKnock;
      }
      boolean isKept = knocker == null;
      kept.put(me, isKept);
      Half nearest = isKept ? nearestCand : knocker;
      String nearestText =
          nearest == null
              ? null
              : nearest.pool()
                  ? pool.get(nearest.poolIndex())
                  : byKey.containsKey(nearest.partner())
                      ? byKey.get(nearest.partner()).cand().item().text()
                      : nearest.partnerText();
      Cand cand = n.cand();
      String poolText =
          cand.poolScanned()
              ? (cand.bestPool() < 0 ? null : pool.get(cand.bestPool()))
              : bestPoolEdge == null ? null : pool.get(bestPoolEdge.poolIndex());
      double poolScore =
          cand.poolScanned()
              ? cand.bestPoolScore()
              : bestPoolEdge == null ? Double.NaN : bestPoolEdge.f();
      out.accept(
          new Decision(
              cand.item(),
              isKept,
              nearestText,
              nearest == null ? Double.NaN : nearest.f(),
              poolText,
              poolScore));
    }
  }

  /** One element: the texts in the given order (for pool views built from a list). */
  public static PCollectionView<List<String>> textsView(
      Pipeline p, String name, List<String> texts) {
    return p.apply(name, Create.of(List.of(texts)).withCoder(ListCoder.of(StringUtf8Coder.of())))
        .apply(name + "AsSingleton", View.asSingleton());
  }
}
