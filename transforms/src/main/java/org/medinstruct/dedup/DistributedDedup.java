package org.medinstruct.dedup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
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

  /**
   * GroupByKey keys per shuffle on a cluster (any runner but the Direct Runner, see {@link
   * #DIRECT_SHARDS}): enough to spread evenly over workers, few enough for any runner. A runner
   * hashes the keys onto its subtasks, so the subtasks' shares of keys (and work) differ by about 1
   * / sqrt(shards): Flink put 27 and 37 of 64 keys on 2 subtasks (a join 58 % on one) and 18, 25, 9
   * and 12 on 4; of 256 keys, 132 and 124, and 58, 67, 74 and 57. A record still travels to a shard
   * once per prefix element at most, and a split element's records to at most {@link
   * JoinSpec#MAX_BLOCK_GROUPS} of its shards, but more shards still add copies (the dense 1M: 52.9M
   * record copies at 64 keys, 92.9M at 256); on 2 Flink subtasks the even split paid for them.
   */
  public static final int DEFAULT_SHARDS = 256;

  /**
   * GroupByKey keys per shuffle on the Direct Runner, unless {@link #withShards} says otherwise:
   * one JVM has no partitioner to balance, and each key costs its batches, its setup and the copies
   * of the records that reach it (generate's round-1 dedup of 61,000 tasks: 49.8 s at 256 keys,
   * 32.7 s at 64; the 52k run went from 218 to 290 s when 256 became the only default).
   */
  public static final int DIRECT_SHARDS = 64;

  /** Progress stages (see {@link Progress}). */
  public static final String STAGE_INDEX = "dedup-index";

  public static final String STAGE_JOIN = "dedup-join";
  public static final String STAGE_DECIDE = "dedup-decide";

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

  private final JoinSpec spec;

  /** Whether {@link #withShards} chose the key count; else it follows the runner at apply time. */
  private final boolean shardsChosen;

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
        new JoinSpec(
            policy,
            threshold,
            neighbourFloor,
            candidatePairs,
            hotKeyBound,
            exactPoolLimit,
            DEFAULT_SHARDS,
            null),
        false);
  }

  private DistributedDedup(JoinSpec spec, boolean shardsChosen) {
    this.spec = spec;
    this.shardsChosen = shardsChosen;
  }

  /**
   * The same join with {@code n} shuffle keys per stage; without it, {@link #DIRECT_SHARDS} on the
   * Direct Runner and {@link #DEFAULT_SHARDS} on any other.
   */
  public DistributedDedup withShards(int n) {
    return new DistributedDedup(spec.withShards(n), true);
  }

  /** The shuffle keys per stage when none were chosen, for the pipeline's runner. */
  static int defaultShards(PipelineOptions options) {
    Class<?> runner = options.getRunner();
    return runner != null && runner.getSimpleName().equals("DirectRunner")
        ? DIRECT_SHARDS
        : DEFAULT_SHARDS;
  }

  /** Live progress counters go to this directory (null: none). */
  public DistributedDedup withProgressDir(String dir) {
    return new DistributedDedup(spec.withProgressDir(dir), shardsChosen);
  }

  /** Bucket of a record in a hot key split into m buckets. */
  static int bucket(String key, int m) {
    return JoinSpec.bucket(key, m);
  }

  /** Number of buckets for a posting list of {@code size} under bound B. */
  static int buckets(long size, int bound) {
    return JoinSpec.buckets(size, bound);
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

  // ---------------------------------------------------------------- pipeline

  /** Pool texts (ordered list, one element) as Items keyed by their position. */
  public static PCollection<Item> poolItems(
      Pipeline p, String name, PCollectionView<List<String>> texts) {
    return p.apply(name + "Start", Create.of((Void) null).withCoder(VoidCoder.of()))
        .apply(name + "Items", ParDo.of(new PoolItemsFn(texts)).withSideInputs(texts))
        .setCoder(ItemCoder.of());
  }

  /**
   * Decides every candidate, as the composite {@link DecideDuplicates} named {@code name}. {@code
   * poolTexts} is the ordered pool as one list; {@code pool} the same items as a PCollection (see
   * {@link #poolItems}).
   */
  public PCollection<Decision> apply(
      String name,
      PCollection<Item> candidates,
      PCollection<Item> pool,
      PCollectionView<List<String>> poolTexts) {
    JoinSpec s =
        shardsChosen
            ? spec.fresh()
            : spec.withShards(defaultShards(candidates.getPipeline().getOptions()));
    return PCollectionTuple.of(DecideDuplicates.CANDIDATES, candidates)
        .and(DecideDuplicates.POOL, pool)
        .apply(name, new DecideDuplicates(s, poolTexts));
  }

  /** One element: the texts in the given order (for pool views built from a list). */
  public static PCollectionView<List<String>> textsView(
      Pipeline p, String name, List<String> texts) {
    return p.apply(name, Create.of(List.of(texts)).withCoder(ListCoder.of(StringUtf8Coder.of())))
        .apply(name + "AsSingleton", View.asSingleton());
  }
}
