package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.medinstruct.dedup.DistributedDedup.Decision;
import org.medinstruct.dedup.DistributedDedup.Item;
import org.medinstruct.dedup.DistributedDedup.ItemCoder;
import org.medinstruct.dedup.TaskDecisionFns.DecontaminatedFn;
import org.medinstruct.dedup.TaskDecisionFns.ScoredFn;
import org.medinstruct.dedup.TaskDecisionFns.SplitFn;
import org.medinstruct.dedup.TaskDecisionFns.SurvivorFn;
import org.medinstruct.dedup.TaskDecisionFns.ToItemFn;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.Records;
import org.medinstruct.model.Rejection;
import org.medinstruct.model.StageOutput;

/**
 * Removes near-duplicate tasks by ROUGE-L F on {@code instruction} (see {@link SimilarityDedup}).
 *
 * <p>Input: candidate tasks, in any order; their deterministic order is {@link MedTask#sortKey()}
 * then id. Side inputs: the pool (tasks that only knock candidates out, never output; may be empty;
 * taken in sortKey-then-id order) and optionally an evaluation set for decontamination, which is
 * applied first (a decontaminated task takes no part in dedup). Output: a {@link StageOutput} whose
 * values are the kept tasks as {@link ScoredTask} and whose rejections are the dropped ones (stage
 * {@code dedup}, or {@code decontaminate}, naming the instruction that knocked each out; see {@link
 * #withDropDetail}); no failures. Every input element is in exactly one of them. By default
 * (algorithm {@link DedupAlgorithm#DISTRIBUTED}) the join and the resolution are spread over
 * workers by {@link DistributedDedup}; no step gathers the candidates under one key, and what is
 * shuffled uses compact coders. {@link DedupAlgorithm#PREFIX} or {@link DedupAlgorithm#BRUTEFORCE}
 * gather all candidates on one worker instead (same decisions; for small inputs and as references).
 * An engine failure fails the pipeline rather than dropping records. In the distributed path the
 * candidates' (sortKey, id) must be unique.
 */
public final class DeduplicateBySimilarity
    extends PTransform<PCollection<MedTask>, StageOutput<ScoredTask>> {
  /** Namespace of the engine's work counters (candidatePairs, verifiedPairs, ...). */
  public static final String METRICS = "dedup";

  /** The default {@link #withDropDetail} format. */
  public static final String DROP_DETAIL = "ROUGE-L %.4f with: %s";

  // Set only on a fresh copy (see copy()), so an instance never changes once handed out.
  private final PCollectionView<List<MedTask>> pool;
  private PCollectionView<List<MedTask>> evaluationSet;
  private DedupPolicy policy = DedupPolicy.GREEDY;
  private double threshold = SimilarityDedup.DEFAULT_THRESHOLD;
  private double neighbourFloor = SimilarityDedup.DEFAULT_NEIGHBOUR_FLOOR;
  private double decontaminationThreshold = SimilarityDedup.DEFAULT_THRESHOLD;
  private DedupAlgorithm algorithm = DedupAlgorithm.DISTRIBUTED;
  private int hotKeyBound = DistributedDedup.DEFAULT_HOT_KEY_BOUND;
  private int shards; // 0: the runner's default (DistributedDedup.defaultShards)
  private String progressDir;
  private String dropDetail = DROP_DETAIL;

  private DeduplicateBySimilarity(PCollectionView<List<MedTask>> pool) {
    this.pool = pool;
  }

  /** Greedy, threshold 0.7, neighbour floor 0.5, no decontamination, distributed join. */
  public static DeduplicateBySimilarity against(PCollectionView<List<MedTask>> pool) {
    return new DeduplicateBySimilarity(pool);
  }

  private DeduplicateBySimilarity copy() {
    DeduplicateBySimilarity d = new DeduplicateBySimilarity(pool);
    d.evaluationSet = evaluationSet;
    d.policy = policy;
    d.threshold = threshold;
    d.neighbourFloor = neighbourFloor;
    d.decontaminationThreshold = decontaminationThreshold;
    d.algorithm = algorithm;
    d.hotKeyBound = hotKeyBound;
    d.shards = shards;
    d.progressDir = progressDir;
    d.dropDetail = dropDetail;
    return d;
  }

  public DeduplicateBySimilarity withPolicy(DedupPolicy p) {
    DeduplicateBySimilarity d = copy();
    d.policy = p;
    return d;
  }

  /** A pair is a near-duplicate when F &gt; t; t in [0, 1]. */
  public DeduplicateBySimilarity withThreshold(double t) {
    SimilarityDedup.checkThreshold("threshold", t);
    DeduplicateBySimilarity d = copy();
    d.threshold = t;
    return d;
  }

  /** Kept tasks report their best other candidate at or above this F; above 1 turns it off. */
  public DeduplicateBySimilarity withNeighbourFloor(double floor) {
    if (!(floor > 0)) {
      throw new IllegalArgumentException("neighbourFloor must be > 0, got " + floor);
    }
    DeduplicateBySimilarity d = copy();
    d.neighbourFloor = floor;
    return d;
  }

  public DeduplicateBySimilarity withAlgorithm(DedupAlgorithm a) {
    DeduplicateBySimilarity d = copy();
    d.algorithm = a;
    return d;
  }

  /**
   * Drops candidates with F &gt; {@code t} against any evaluation item, reason "decontaminated".
   */
  public DeduplicateBySimilarity withDecontamination(
      PCollectionView<List<MedTask>> evaluation, double t) {
    SimilarityDedup.checkThreshold("decontamination threshold", t);
    DeduplicateBySimilarity d = copy();
    d.evaluationSet = evaluation;
    d.decontaminationThreshold = t;
    return d;
  }

  /** Same decisions, computed by {@link DistributedDedup} across workers. */
  public DeduplicateBySimilarity withDistributedJoin() {
    return withAlgorithm(DedupAlgorithm.DISTRIBUTED);
  }

  /** Posting lists longer than this are split into buckets (distributed join only). */
  public DeduplicateBySimilarity withHotKeyBound(int bound) {
    DeduplicateBySimilarity d = copy();
    d.hotKeyBound = bound;
    return d;
  }

  /**
   * How a dropped task's rejection describes the drop: a format of its ROUGE-L F ({@code %.4f}) and
   * the instruction that knocked it out ({@code %s}).
   */
  public DeduplicateBySimilarity withDropDetail(String format) {
    DeduplicateBySimilarity d = copy();
    d.dropDetail = format;
    return d;
  }

  /**
   * Shuffle keys per stage of the distributed join (distributed join only); by default {@link
   * DistributedDedup#DIRECT_SHARDS} on the Direct Runner, {@link DistributedDedup#DEFAULT_SHARDS}
   * on any other.
   */
  public DeduplicateBySimilarity withShards(int n) {
    DeduplicateBySimilarity d = copy();
    d.shards = n;
    return d;
  }

  /**
   * Live progress (stages dedup-index, dedup-join, dedup-decide) is written to this directory, as
   * the LLM stages' is (see {@link org.medinstruct.progress.Progress}); null: none.
   */
  public DeduplicateBySimilarity withProgressDir(String dir) {
    DeduplicateBySimilarity d = copy();
    d.progressDir = dir;
    return d;
  }

  /** Greedy order key: sortKey, then id (nulls first), as one comparable string. */
  static String orderKey(MedTask t) {
    return t.sortKey() + '\u0000' + (t.id() == null ? "" : "\u0001" + t.id());
  }

  @Override
  public StageOutput<ScoredTask> expand(PCollection<MedTask> input) {
    PCollection<ScoredTask> scored =
        algorithm == DedupAlgorithm.DISTRIBUTED
            ? scoreAcrossWorkers(input)
            : scoreOnOneWorker(input);
    TupleTag<ScoredTask> keptTag = new TupleTag<>() {};
    PCollectionTuple out =
        scored.apply(
            "SplitKeptDropped",
            ParDo.of(new SplitFn(keptTag, dropDetail))
                .withOutputTags(keptTag, StageOutput.sideTags()));
    return StageOutput.of(keptTag, out, ScoredTaskCoder.of());
  }

  /** PREFIX or BRUTEFORCE: every candidate gathered under one key, decided by one DoFn. */
  private PCollection<ScoredTask> scoreOnOneWorker(PCollection<MedTask> input) {
    List<PCollectionView<?>> sideInputs = new ArrayList<>();
    sideInputs.add(pool);
    if (evaluationSet != null) {
      sideInputs.add(evaluationSet);
    }
    DedupBatch batch =
        new DedupBatch(policy, threshold, neighbourFloor, decontaminationThreshold, algorithm);
    return input
        .apply("KeyToOneWorker", WithKeys.<Void, MedTask>of((Void) null))
        .setCoder(KvCoder.of(VoidCoder.of(), input.getCoder()))
        .apply("GatherCandidates", GroupByKey.create())
        .apply(
            "ScoreAndResolve",
            ParDo.of(new GatheredDedupFn(pool, evaluationSet, batch)).withSideInputs(sideInputs))
        .setCoder(ScoredTaskCoder.of());
  }

  /** DISTRIBUTED: decontamination, then dedup, each a {@link DistributedDedup} join. */
  private PCollection<ScoredTask> scoreAcrossWorkers(PCollection<MedTask> input) {
    Pipeline p = input.getPipeline();
    PCollection<Item> items =
        input.apply("ToJoinItems", ParDo.of(new ToItemFn())).setCoder(ItemCoder.of());
    List<PCollection<ScoredTask>> outcomes = new ArrayList<>();
    if (evaluationSet != null) {
      PCollectionView<List<String>> evalTexts =
          p.apply("EvaluationTexts", new SortInstructions(evaluationSet));
      PCollection<Decision> clean =
          join(decontaminationThreshold, Double.POSITIVE_INFINITY, false, 0)
              .apply(
                  "Decontaminate",
                  items,
                  DistributedDedup.poolItems(p, "EvaluationItems", evalTexts),
                  evalTexts);
      outcomes.add(
          clean
              .apply("Decontaminated", ParDo.of(new DecontaminatedFn()))
              .setCoder(ScoredTaskCoder.of()));
      items = clean.apply("Survivors", ParDo.of(new SurvivorFn())).setCoder(ItemCoder.of());
    }
    PCollectionView<List<String>> poolTexts = p.apply("PoolTexts", new SortInstructions(pool));
    outcomes.add(
        join(threshold, neighbourFloor, true, SimilarityDedup.DEFAULT_EXACT_POOL_LIMIT)
            .apply("Dedup", items, DistributedDedup.poolItems(p, "PoolItems", poolTexts), poolTexts)
            .apply("Scored", ParDo.of(new ScoredFn()))
            .setCoder(ScoredTaskCoder.of()));
    return PCollectionList.of(outcomes).apply("AllOutcomes", Flatten.pCollections());
  }

  private DistributedDedup join(double t, double floor, boolean candidatePairs, int poolLimit) {
    DistributedDedup d =
        new DistributedDedup(policy, t, floor, candidatePairs, hotKeyBound, poolLimit)
            .withProgressDir(progressDir);
    return shards > 0 ? d.withShards(shards) : d;
  }

  /**
   * A dropped task as a rejection: its fields plus the instruction that knocked it out and the
   * ROUGE-L F, described by {@code detailFormat}.
   */
  static Rejection rejection(ScoredTask s, String detailFormat) {
    com.google.gson.JsonObject o = Records.task(s.task());
    o.addProperty("nearest", s.nearest());
    o.add("rougeL", Records.score(s.rougeL()));
    boolean decontaminated = ScoredTask.DECONTAMINATED.equals(s.reason());
    return new Rejection(
        decontaminated ? "decontaminate" : "dedup",
        decontaminated ? ScoredTask.DECONTAMINATED : ScoredTask.DUPLICATE,
        String.format(detailFormat, s.rougeL(), s.nearest()),
        Records.toJson(o));
  }
}
