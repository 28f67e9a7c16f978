package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
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

  private final PCollectionView<List<MedTask>> pool;
  private final PCollectionView<List<MedTask>> evaluationSet;
  private final DedupPolicy policy;
  private final double threshold;
  private final double neighbourFloor;
  private final double decontaminationThreshold;
  private final DedupAlgorithm algorithm;

  private DeduplicateBySimilarity(
      PCollectionView<List<MedTask>> pool,
      PCollectionView<List<MedTask>> evaluationSet,
      DedupPolicy policy,
      double threshold,
      double neighbourFloor,
      double decontaminationThreshold,
      DedupAlgorithm algorithm) {
    this.pool = pool;
    this.evaluationSet = evaluationSet;
    this.policy = policy;
    this.threshold = threshold;
    this.neighbourFloor = neighbourFloor;
    this.decontaminationThreshold = decontaminationThreshold;
    this.algorithm = algorithm;
  }

  /** Greedy, threshold 0.7, neighbour floor 0.5, no decontamination, distributed join. */
  public static DeduplicateBySimilarity against(PCollectionView<List<MedTask>> pool) {
    return new DeduplicateBySimilarity(
        pool,
        null,
        DedupPolicy.GREEDY,
        SimilarityDedup.DEFAULT_THRESHOLD,
        SimilarityDedup.DEFAULT_NEIGHBOUR_FLOOR,
        SimilarityDedup.DEFAULT_THRESHOLD,
        DedupAlgorithm.DISTRIBUTED);
  }

  public DeduplicateBySimilarity withPolicy(DedupPolicy p) {
    return keepBound(
        new DeduplicateBySimilarity(
            pool,
            evaluationSet,
            p,
            threshold,
            neighbourFloor,
            decontaminationThreshold,
            algorithm));
  }

  /** A pair is a near-duplicate when F &gt; t; t in [0, 1]. */
  public DeduplicateBySimilarity withThreshold(double t) {
    checkUnit("threshold", t);
    return keepBound(
        new DeduplicateBySimilarity(
            pool, evaluationSet, policy, t, neighbourFloor, decontaminationThreshold, algorithm));
  }

  /** Kept tasks report their best other candidate at or above this F; above 1 turns it off. */
  public DeduplicateBySimilarity withNeighbourFloor(double floor) {
    if (!(floor > 0)) {
      throw new IllegalArgumentException("neighbourFloor must be > 0, got " + floor);
    }
    return keepBound(
        new DeduplicateBySimilarity(
            pool, evaluationSet, policy, threshold, floor, decontaminationThreshold, algorithm));
  }

  public DeduplicateBySimilarity withAlgorithm(DedupAlgorithm a) {
    return keepBound(
        new DeduplicateBySimilarity(
            pool, evaluationSet, policy, threshold, neighbourFloor, decontaminationThreshold, a));
  }

  /**
   * Drops candidates with F &gt; {@code t} against any evaluation item, reason "decontaminated".
   */
  public DeduplicateBySimilarity withDecontamination(
      PCollectionView<List<MedTask>> evaluation, double t) {
    checkUnit("decontamination threshold", t);
    return keepBound(
        new DeduplicateBySimilarity(
            pool, evaluation, policy, threshold, neighbourFloor, t, algorithm));
  }

  private static void checkUnit(String name, double v) {
    SimilarityDedup.checkThreshold(name, v);
  }

  /** Same decisions, computed by {@link DistributedDedup} across workers. */
  public DeduplicateBySimilarity withDistributedJoin() {
    return withAlgorithm(DedupAlgorithm.DISTRIBUTED);
  }

  /** Posting lists longer than this are split into buckets (distributed join only). */
  public DeduplicateBySimilarity withHotKeyBound(int bound) {
    DeduplicateBySimilarity d =
        keepBound(
            new DeduplicateBySimilarity(
                pool,
                evaluationSet,
                policy,
                threshold,
                neighbourFloor,
                decontaminationThreshold,
                algorithm));
    d.hotKeyBound = bound;
    return d;
  }

  private int hotKeyBound = DistributedDedup.DEFAULT_HOT_KEY_BOUND;
  private int shards = DistributedDedup.DEFAULT_SHARDS;
  private String progressDir;
  private String dropDetail = DROP_DETAIL;

  /**
   * How a dropped task's rejection describes the drop: a format of its ROUGE-L F ({@code %.4f}) and
   * the instruction that knocked it out ({@code %s}).
   */
  public DeduplicateBySimilarity withDropDetail(String format) {
    DeduplicateBySimilarity d = withShards(shards);
    d.dropDetail = format;
    return d;
  }

  /** Shuffle keys per stage of the distributed join (distributed join only). */
  public DeduplicateBySimilarity withShards(int n) {
    DeduplicateBySimilarity d =
        keepBound(
            new DeduplicateBySimilarity(
                pool,
                evaluationSet,
                policy,
                threshold,
                neighbourFloor,
                decontaminationThreshold,
                algorithm));
    d.shards = n;
    return d;
  }

  /**
   * Live progress (stages dedup-index, dedup-join, dedup-decide) is written to this directory, as
   * the LLM stages' is (see {@link org.medinstruct.progress.Progress}); null: none.
   */
  public DeduplicateBySimilarity withProgressDir(String dir) {
    DeduplicateBySimilarity d =
        keepBound(
            new DeduplicateBySimilarity(
                pool,
                evaluationSet,
                policy,
                threshold,
                neighbourFloor,
                decontaminationThreshold,
                algorithm));
    d.progressDir = dir;
    return d;
  }

  private DeduplicateBySimilarity keepBound(DeduplicateBySimilarity d) {
    d.hotKeyBound = hotKeyBound;
    d.shards = shards;
    d.progressDir = progressDir;
    d.dropDetail = dropDetail;
    return d;
  }

  /** Greedy order key: sortKey, then id (nulls first), as one comparable string. */
  static String orderKey(MedTask t) {
    return t.sortKey() + '\u0000' + (t.id() == null ? "" : "\u0001" + t.id());
  }

  @Override
  public StageOutput<ScoredTask> expand(PCollection<MedTask> input) {
    TupleTag<ScoredTask> keptTag = new TupleTag<>() {};
    if (algorithm == DedupAlgorithm.DISTRIBUTED) {
      return expandDistributed(input, keptTag);
    }
    List<PCollectionView<?>> sideInputs = new ArrayList<>();
    sideInputs.add(pool);
    if (evaluationSet != null) {
      sideInputs.add(evaluationSet);
    }
    PCollectionTuple out =
        input
            .apply("KeyToOneWorker", WithKeys.<Void, MedTask>of((Void) null))
            .setCoder(KvCoder.of(VoidCoder.of(), input.getCoder()))
            .apply("GatherCandidates", GroupByKey.create())
            .apply(
                "ScoreAndResolve",
                ParDo.of(new DedupFn(this, keptTag))
                    .withSideInputs(sideInputs)
                    .withOutputTags(keptTag, StageOutput.sideTags()));
    return StageOutput.of(keptTag, out, ScoredTaskCoder.of());
  }

  private StageOutput<ScoredTask> expandDistributed(
      PCollection<MedTask> input, TupleTag<ScoredTask> keptTag) {
    Pipeline p = input.getPipeline();
    PCollection<DistributedDedup.Item> items =
        input
            .apply("ToJoinItems", ParDo.of(new ToItemFn()))
            .setCoder(DistributedDedup.ItemCoder.of());
    List<PCollection<ScoredTask>> outcomes = new ArrayList<>();
    if (evaluationSet != null) {
      PCollectionView<List<String>> evalTexts = sortedTexts(p, "Evaluation", evaluationSet);
      PCollection<DistributedDedup.Decision> clean =
          new DistributedDedup(
                  policy, decontaminationThreshold, Double.POSITIVE_INFINITY, false, hotKeyBound, 0)
              .withShards(shards)
              .withProgressDir(progressDir)
              .apply(
                  "Decontaminate",
                  items,
                  DistributedDedup.poolItems(p, "EvaluationItems", evalTexts),
                  evalTexts);
      outcomes.add(
          clean
              .apply("Decontaminated", ParDo.of(new DecontaminatedFn()))
              .setCoder(ScoredTaskCoder.of()));
      items =
          clean
              .apply("Survivors", ParDo.of(new SurvivorFn()))
              .setCoder(DistributedDedup.ItemCoder.of());
    }
    PCollectionView<List<String>> poolTexts = sortedTexts(p, "Pool", pool);
    outcomes.add(
        new DistributedDedup(
                policy,
                threshold,
                neighbourFloor,
                true,
                hotKeyBound,
                SimilarityDedup.DEFAULT_EXACT_POOL_LIMIT)
            .withShards(shards)
            .withProgressDir(progressDir)
            .apply("Dedup", items, DistributedDedup.poolItems(p, "PoolItems", poolTexts), poolTexts)
            .apply("Scored", ParDo.of(new ScoredFn()))
            .setCoder(ScoredTaskCoder.of()));
    PCollectionTuple out =
        org.apache.beam.sdk.values.PCollectionList.of(outcomes)
            .apply("AllOutcomes", org.apache.beam.sdk.transforms.Flatten.pCollections())
            .apply(
                "SplitKeptDropped",
                ParDo.of(new SplitFn(keptTag, dropDetail))
                    .withOutputTags(keptTag, StageOutput.sideTags()));
    return StageOutput.of(keptTag, out, ScoredTaskCoder.of());
  }

  /** A task as a join item: greedy order key, instruction, and the task as payload. */
  private static final class ToItemFn extends DoFn<MedTask, DistributedDedup.Item> {
    @ProcessElement
    public void process(@Element MedTask t, OutputReceiver<DistributedDedup.Item> out) {
      out.output(
          new DistributedDedup.Item(
              orderKey(t),
              t.instruction() == null ? "" : t.instruction(),
              ScoredTaskCoder.task(t)));
    }
  }

  /** Tasks dropped by decontamination, naming the evaluation item. */
  private static final class DecontaminatedFn extends DoFn<DistributedDedup.Decision, ScoredTask> {
    @ProcessElement
    public void process(@Element DistributedDedup.Decision d, OutputReceiver<ScoredTask> out) {
      if (!d.kept()) {
        out.output(
            new ScoredTask(
                ScoredTaskCoder.task(d.item().payload()),
                d.nearest(),
                d.nearestScore(),
                null,
                Double.NaN,
                ScoredTask.DECONTAMINATED));
      }
    }
  }

  /** Items that passed decontamination. */
  private static final class SurvivorFn
      extends DoFn<DistributedDedup.Decision, DistributedDedup.Item> {
    @ProcessElement
    public void process(
        @Element DistributedDedup.Decision d, OutputReceiver<DistributedDedup.Item> out) {
      if (d.kept()) {
        out.output(d.item());
      }
    }
  }

  /** A dedup decision as a scored task. */
  private static final class ScoredFn extends DoFn<DistributedDedup.Decision, ScoredTask> {
    @ProcessElement
    public void process(@Element DistributedDedup.Decision d, OutputReceiver<ScoredTask> out) {
      out.output(
          new ScoredTask(
              ScoredTaskCoder.task(d.item().payload()),
              d.nearest(),
              d.nearestScore(),
              d.nearestPool(),
              d.nearestPoolScore(),
              d.kept() ? null : ScoredTask.DUPLICATE));
    }
  }

  /** Kept to the values, dropped to the rejections. */
  private static final class SplitFn extends DoFn<ScoredTask, ScoredTask> {
    private final TupleTag<ScoredTask> keptTag;
    private final String dropDetail;

    SplitFn(TupleTag<ScoredTask> keptTag, String dropDetail) {
      this.keptTag = keptTag;
      this.dropDetail = dropDetail;
    }

    @ProcessElement
    public void process(@Element ScoredTask s, MultiOutputReceiver out) {
      emit(s, keptTag, dropDetail, out);
    }
  }

  /** A kept task to the values; a dropped one to the rejections. */
  private static void emit(
      ScoredTask s, TupleTag<ScoredTask> keptTag, String dropDetail, DoFn.MultiOutputReceiver out) {
    if (s.kept()) {
      out.get(keptTag).output(s);
    } else {
      out.get(StageOutput.REJECTED).output(rejection(s, dropDetail));
    }
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

  /** The instructions of a task view in sortKey-then-id order, as one list. */
  private static PCollectionView<List<String>> sortedTexts(
      Pipeline p, String name, PCollectionView<List<MedTask>> tasks) {
    return p.apply(
            name + "TextsStart",
            org.apache.beam.sdk.transforms.Create.of((Void) null).withCoder(VoidCoder.of()))
        .apply(
            name + "SortedTexts",
            ParDo.of(
                    new DoFn<Void, List<String>>() {
                      @ProcessElement
                      public void process(ProcessContext c) {
                        c.output(DedupBatch.instructions(sorted(c.sideInput(tasks))));
                      }
                    })
                .withSideInputs(tasks))
        .setCoder(
            org.apache.beam.sdk.coders.ListCoder.of(
                org.apache.beam.sdk.coders.StringUtf8Coder.of()))
        .apply(name + "TextsView", org.apache.beam.sdk.transforms.View.asSingleton());
  }

  /** Sorts the gathered candidates, decontaminates, dedups, and emits every one. */
  private static final class DedupFn extends DoFn<KV<Void, Iterable<MedTask>>, ScoredTask> {
    private static final Comparator<MedTask> ORDER =
        Comparator.comparing(MedTask::sortKey)
            .thenComparing(MedTask::id, Comparator.nullsFirst(Comparator.naturalOrder()));
    private final PCollectionView<List<MedTask>> pool;
    private final PCollectionView<List<MedTask>> evaluationSet;
    private final DedupPolicy policy;
    private final double threshold;
    private final double neighbourFloor;
    private final double decontaminationThreshold;
    private final DedupAlgorithm algorithm;
    private final TupleTag<ScoredTask> keptTag;
    private final String dropDetail;
    private final Counter candidatePairs = Metrics.counter(METRICS, "candidatePairs");
    private final Counter verifiedPairs = Metrics.counter(METRICS, "verifiedPairs");
    private final Counter postingsScanned = Metrics.counter(METRICS, "postingsScanned");
    private final Distribution maxPostingScan = Metrics.distribution(METRICS, "maxPostingScan");
    private final Distribution engineMillis = Metrics.distribution(METRICS, "engineMillis");

    DedupFn(DeduplicateBySimilarity spec, TupleTag<ScoredTask> keptTag) {
      this.pool = spec.pool;
      this.evaluationSet = spec.evaluationSet;
      this.policy = spec.policy;
      this.threshold = spec.threshold;
      this.neighbourFloor = spec.neighbourFloor;
      this.decontaminationThreshold = spec.decontaminationThreshold;
      this.algorithm = spec.algorithm;
      this.keptTag = keptTag;
      this.dropDetail = spec.dropDetail;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      List<MedTask> tasks = new ArrayList<>();
      context.element().getValue().forEach(tasks::add);
      tasks.sort(ORDER);
      // Side-input lists have no defined order; sort them so indexes and tie-breaks are stable.
      List<String> poolTexts = DedupBatch.instructions(sorted(context.sideInput(pool)));
      List<String> evalTexts =
          evaluationSet == null
              ? null
              : DedupBatch.instructions(sorted(context.sideInput(evaluationSet)));
      DedupBatch.Outcome outcome =
          new DedupBatch(policy, threshold, neighbourFloor, decontaminationThreshold, algorithm)
              .run(tasks, poolTexts, evalTexts);
      DedupStats stats = outcome.stats();
      candidatePairs.inc(stats.candidatePairs());
      verifiedPairs.inc(stats.verifiedPairs());
      postingsScanned.inc(stats.postingsScanned());
      maxPostingScan.update(stats.maxPostingScan());
      engineMillis.update(stats.millis());
      for (ScoredTask t : outcome.scored()) {
        if (t.kept()) {
          context.output(keptTag, t);
        } else {
          context.output(StageOutput.REJECTED, rejection(t, dropDetail));
        }
      }
    }
  }

  private static List<MedTask> sorted(List<MedTask> tasks) {
    List<MedTask> copy = new ArrayList<>(tasks);
    copy.sort(DedupFn.ORDER);
    return copy;
  }
}
