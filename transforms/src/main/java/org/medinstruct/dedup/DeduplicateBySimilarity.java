package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
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
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.medinstruct.model.MedTask;

/**
 * Removes near-duplicate tasks by ROUGE-L F on {@code instruction} (see {@link SimilarityDedup}).
 *
 * <p>Input: candidate tasks, in any order; their deterministic order is {@link MedTask#sortKey()}
 * then id. Side inputs: the pool (tasks that only knock candidates out, never output; may be
 * empty; taken in sortKey-then-id order) and optionally an evaluation set for decontamination, which is applied first (a
 * decontaminated task takes no part in dedup). Outputs: {@link Result#kept()} and {@link
 * Result#dropped()} as {@link ScoredTask}; every input element is in exactly one of them. By
 * default all candidates are gathered on one worker, which runs the multi-threaded engine; with
 * {@link #withDistributedJoin()} (or algorithm {@link DedupAlgorithm#DISTRIBUTED}) the join and the
 * resolution are spread over workers by {@link DistributedDedup}, with the same decisions. An
 * engine failure fails the pipeline rather than dropping records. In the distributed path the
 * candidates' (sortKey, id) must be unique.
 */
public final class DeduplicateBySimilarity
    extends PTransform<PCollection<MedTask>, DeduplicateBySimilarity.Result> {
  /** Namespace of the engine's work counters (candidatePairs, verifiedPairs, ...). */
  public static final String METRICS = "dedup";

  private final PCollectionView<List<MedTask>> pool;
  private final PCollectionView<List<MedTask>> evaluationSet;
  private final DedupPolicy policy;
  private final double threshold;
  private final double neighbourFloor;
  private final double decontaminationThreshold;
  private final DedupAlgorithm algorithm;

  private DeduplicateBySimilarity(
      PCollectionView<List<MedTask>> pool, PCollectionView<List<MedTask>> evaluationSet,
      DedupPolicy policy, double threshold, double neighbourFloor,
      double decontaminationThreshold, DedupAlgorithm algorithm) {
    this.pool = pool;
    this.evaluationSet = evaluationSet;
    this.policy = policy;
    this.threshold = threshold;
    this.neighbourFloor = neighbourFloor;
    this.decontaminationThreshold = decontaminationThreshold;
    this.algorithm = algorithm;
  }

  /** Greedy, threshold 0.7, neighbour floor 0.5, no decontamination. */
  public static DeduplicateBySimilarity against(PCollectionView<List<MedTask>> pool) {
    return new DeduplicateBySimilarity(pool, null, DedupPolicy.GREEDY,
        SimilarityDedup.DEFAULT_THRESHOLD, SimilarityDedup.DEFAULT_NEIGHBOUR_FLOOR,
        SimilarityDedup.DEFAULT_THRESHOLD, DedupAlgorithm.PREFIX);
  }

  public DeduplicateBySimilarity withPolicy(DedupPolicy p) {
    return keepBound(new DeduplicateBySimilarity(pool, evaluationSet, p, threshold, neighbourFloor,
        decontaminationThreshold, algorithm));
  }

  /** A pair is a near-duplicate when F &gt; t; t in [0, 1]. */
  public DeduplicateBySimilarity withThreshold(double t) {
    checkUnit("threshold", t);
    return keepBound(new DeduplicateBySimilarity(pool, evaluationSet, policy, t, neighbourFloor,
        decontaminationThreshold, algorithm));
  }

  /** Kept tasks report their best other candidate at or above this F; above 1 turns it off. */
  public DeduplicateBySimilarity withNeighbourFloor(double floor) {
    if (!(floor > 0)) {
      throw new IllegalArgumentException("neighbourFloor must be > 0, got " + floor);
    }
    return keepBound(new DeduplicateBySimilarity(pool, evaluationSet, policy, threshold, floor,
        decontaminationThreshold, algorithm));
  }

  public DeduplicateBySimilarity withAlgorithm(DedupAlgorithm a) {
    return keepBound(new DeduplicateBySimilarity(pool, evaluationSet, policy, threshold,
        neighbourFloor, decontaminationThreshold, a));
  }

  /** Drops candidates with F &gt; {@code t} against any evaluation item, reason "decontaminated". */
  public DeduplicateBySimilarity withDecontamination(
      PCollectionView<List<MedTask>> evaluation, double t) {
    checkUnit("decontamination threshold", t);
    return keepBound(new DeduplicateBySimilarity(pool, evaluation, policy, threshold,
        neighbourFloor, t, algorithm));
  }

  private static void checkUnit(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
    }
  }

  /** Same decisions, computed by {@link DistributedDedup} across workers. */
  public DeduplicateBySimilarity withDistributedJoin() {
    return withAlgorithm(DedupAlgorithm.DISTRIBUTED);
  }

  /** Posting lists longer than this are split into buckets (distributed join only). */
  public DeduplicateBySimilarity withHotKeyBound(int bound) {
    DeduplicateBySimilarity d = new DeduplicateBySimilarity(pool, evaluationSet, policy,
        threshold, neighbourFloor, decontaminationThreshold, algorithm);
    d.hotKeyBound = bound;
    return d;
  }

  private int hotKeyBound = DistributedDedup.DEFAULT_HOT_KEY_BOUND;

  private DeduplicateBySimilarity keepBound(DeduplicateBySimilarity d) {
    d.hotKeyBound = hotKeyBound;
    return d;
  }

  /** Greedy order key: sortKey, then id (nulls first), as one comparable string. */
  static String orderKey(MedTask t) {
    return t.sortKey() + '\u0000' + (t.id() == null ? "" : "\u0001" + t.id());
  }

  @Override
  public Result expand(PCollection<MedTask> input) {
    TupleTag<ScoredTask> keptTag = new TupleTag<>() {};
    TupleTag<ScoredTask> droppedTag = new TupleTag<>() {};
    if (algorithm == DedupAlgorithm.DISTRIBUTED) {
      return expandDistributed(input, keptTag, droppedTag);
    }
    List<PCollectionView<?>> sideInputs = new ArrayList<>();
    sideInputs.add(pool);
    if (evaluationSet != null) {
      sideInputs.add(evaluationSet);
    }
    PCollectionTuple out = input
        .apply("KeyToOneWorker", WithKeys.<Void, MedTask>of((Void) null))
        .setCoder(KvCoder.of(VoidCoder.of(), input.getCoder()))
        .apply("GatherCandidates", GroupByKey.create())
        .apply("ScoreAndResolve", ParDo.of(new DedupFn(this, keptTag, droppedTag))
            .withSideInputs(sideInputs)
            .withOutputTags(keptTag, TupleTagList.of(droppedTag)));
    PCollection<ScoredTask> kept =
        out.get(keptTag).setCoder(SerializableCoder.of(ScoredTask.class));
    PCollection<ScoredTask> dropped =
        out.get(droppedTag).setCoder(SerializableCoder.of(ScoredTask.class));
    return new Result(input.getPipeline(), kept, dropped, keptTag, droppedTag);
  }

  private Result expandDistributed(PCollection<MedTask> input, TupleTag<ScoredTask> keptTag,
      TupleTag<ScoredTask> droppedTag) {
    Pipeline p = input.getPipeline();
    PCollection<DistributedDedup.Item> items = input
        .apply("ToJoinItems", ParDo.of(new DoFn<MedTask, DistributedDedup.Item>() {
          @ProcessElement
          public void process(ProcessContext c) {
            MedTask t = c.element();
            c.output(new DistributedDedup.Item(orderKey(t),
                t.instruction() == null ? "" : t.instruction(), t));
          }
        }))
        .setCoder(SerializableCoder.of(DistributedDedup.Item.class));
    List<PCollection<ScoredTask>> outcomes = new ArrayList<>();
    if (evaluationSet != null) {
      PCollectionView<List<String>> evalTexts = sortedTexts(p, "Evaluation", evaluationSet);
      PCollection<DistributedDedup.Decision> clean =
          new DistributedDedup(policy, decontaminationThreshold, Double.POSITIVE_INFINITY, false,
              hotKeyBound, 0)
              .apply("Decontaminate", items,
                  DistributedDedup.poolItems(p, "EvaluationItems", evalTexts), evalTexts);
      outcomes.add(clean.apply("Decontaminated", ParDo.of(
          new DoFn<DistributedDedup.Decision, ScoredTask>() {
            @ProcessElement
            public void process(ProcessContext c) {
              DistributedDedup.Decision d = c.element();
              if (!d.kept()) {
                c.output(new ScoredTask((MedTask) d.item().payload(), d.nearest(),
                    d.nearestScore(), null, Double.NaN, ScoredTask.DECONTAMINATED));
              }
            }
          })).setCoder(SerializableCoder.of(ScoredTask.class)));
      items = clean.apply("Survivors", ParDo.of(
          new DoFn<DistributedDedup.Decision, DistributedDedup.Item>() {
            @ProcessElement
            public void process(ProcessContext c) {
              if (c.element().kept()) {
                c.output(c.element().item());
              }
            }
          })).setCoder(SerializableCoder.of(DistributedDedup.Item.class));
    }
    PCollectionView<List<String>> poolTexts = sortedTexts(p, "Pool", pool);
    outcomes.add(new DistributedDedup(policy, threshold, neighbourFloor, true, hotKeyBound,
        SimilarityDedup.DEFAULT_EXACT_POOL_LIMIT)
        .apply("Dedup", items, DistributedDedup.poolItems(p, "PoolItems", poolTexts), poolTexts)
        .apply("Scored", ParDo.of(new DoFn<DistributedDedup.Decision, ScoredTask>() {
          @ProcessElement
          public void process(ProcessContext c) {
            DistributedDedup.Decision d = c.element();
            c.output(new ScoredTask((MedTask) d.item().payload(), d.nearest(), d.nearestScore(),
                d.nearestPool(), d.nearestPoolScore(), d.kept() ? null : ScoredTask.DUPLICATE));
          }
        })).setCoder(SerializableCoder.of(ScoredTask.class)));
    PCollectionTuple out = org.apache.beam.sdk.values.PCollectionList.of(outcomes)
        .apply("AllOutcomes", org.apache.beam.sdk.transforms.Flatten.pCollections())
        .apply("SplitKeptDropped", ParDo.of(new DoFn<ScoredTask, ScoredTask>() {
          @ProcessElement
          public void process(ProcessContext c) {
            c.output(c.element().kept() ? keptTag : droppedTag, c.element());
          }
        }).withOutputTags(keptTag, TupleTagList.of(droppedTag)));
    PCollection<ScoredTask> kept =
        out.get(keptTag).setCoder(SerializableCoder.of(ScoredTask.class));
    PCollection<ScoredTask> dropped =
        out.get(droppedTag).setCoder(SerializableCoder.of(ScoredTask.class));
    return new Result(p, kept, dropped, keptTag, droppedTag);
  }

  /** The instructions of a task view in sortKey-then-id order, as one list. */
  private static PCollectionView<List<String>> sortedTexts(
      Pipeline p, String name, PCollectionView<List<MedTask>> tasks) {
    return p.apply(name + "TextsStart", org.apache.beam.sdk.transforms.Create.of((Void) null)
            .withCoder(VoidCoder.of()))
        .apply(name + "SortedTexts", ParDo.of(new DoFn<Void, List<String>>() {
          @ProcessElement
          public void process(ProcessContext c) {
            c.output(DedupBatch.instructions(sorted(c.sideInput(tasks))));
          }
        }).withSideInputs(tasks))
        .setCoder(org.apache.beam.sdk.coders.ListCoder.of(
            org.apache.beam.sdk.coders.StringUtf8Coder.of()))
        .apply(name + "TextsView", org.apache.beam.sdk.transforms.View.asSingleton());
  }

  /** Sorts the gathered candidates, decontaminates, dedups, and emits every one. */
  private static final class DedupFn extends DoFn<KV<Void, Iterable<MedTask>>, ScoredTask> {
    private static final Comparator<MedTask> ORDER = Comparator.comparing(MedTask::sortKey)
        .thenComparing(MedTask::id, Comparator.nullsFirst(Comparator.naturalOrder()));
    private final PCollectionView<List<MedTask>> pool;
    private final PCollectionView<List<MedTask>> evaluationSet;
    private final DedupPolicy policy;
    private final double threshold;
    private final double neighbourFloor;
    private final double decontaminationThreshold;
    private final DedupAlgorithm algorithm;
    private final TupleTag<ScoredTask> keptTag;
    private final TupleTag<ScoredTask> droppedTag;
    private final Counter candidatePairs = Metrics.counter(METRICS, "candidatePairs");
    private final Counter verifiedPairs = Metrics.counter(METRICS, "verifiedPairs");
    private final Counter postingsScanned = Metrics.counter(METRICS, "postingsScanned");
    private final Distribution maxPostingScan = Metrics.distribution(METRICS, "maxPostingScan");
    private final Distribution engineMillis = Metrics.distribution(METRICS, "engineMillis");

    DedupFn(DeduplicateBySimilarity spec, TupleTag<ScoredTask> keptTag,
        TupleTag<ScoredTask> droppedTag) {
      this.pool = spec.pool;
      this.evaluationSet = spec.evaluationSet;
      this.policy = spec.policy;
      this.threshold = spec.threshold;
      this.neighbourFloor = spec.neighbourFloor;
      this.decontaminationThreshold = spec.decontaminationThreshold;
      this.algorithm = spec.algorithm;
      this.keptTag = keptTag;
      this.droppedTag = droppedTag;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      List<MedTask> tasks = new ArrayList<>();
      context.element().getValue().forEach(tasks::add);
      tasks.sort(ORDER);
      // Side-input lists have no defined order; sort them so indexes and tie-breaks are stable.
      List<String> poolTexts = DedupBatch.instructions(sorted(context.sideInput(pool)));
      List<String> evalTexts = evaluationSet == null ? null
          : DedupBatch.instructions(sorted(context.sideInput(evaluationSet)));
      DedupBatch.Outcome outcome = new DedupBatch(
          policy, threshold, neighbourFloor, decontaminationThreshold, algorithm)
          .run(tasks, poolTexts, evalTexts);
      DedupStats stats = outcome.stats();
      candidatePairs.inc(stats.candidatePairs());
      verifiedPairs.inc(stats.verifiedPairs());
      postingsScanned.inc(stats.postingsScanned());
      maxPostingScan.update(stats.maxPostingScan());
      engineMillis.update(stats.millis());
      for (ScoredTask t : outcome.scored()) {
        context.output(t.kept() ? keptTag : droppedTag, t);
      }
    }
  }

  private static List<MedTask> sorted(List<MedTask> tasks) {
    List<MedTask> copy = new ArrayList<>(tasks);
    copy.sort(DedupFn.ORDER);
    return copy;
  }

  /** The kept and the dropped tasks of one {@link DeduplicateBySimilarity}. */
  public static final class Result implements POutput {
    private final Pipeline pipeline;
    private final PCollection<ScoredTask> kept;
    private final PCollection<ScoredTask> dropped;
    private final TupleTag<ScoredTask> keptTag;
    private final TupleTag<ScoredTask> droppedTag;

    Result(Pipeline pipeline, PCollection<ScoredTask> kept, PCollection<ScoredTask> dropped,
        TupleTag<ScoredTask> keptTag, TupleTag<ScoredTask> droppedTag) {
      this.pipeline = pipeline;
      this.kept = kept;
      this.dropped = dropped;
      this.keptTag = keptTag;
      this.droppedTag = droppedTag;
    }

    public PCollection<ScoredTask> kept() {
      return kept;
    }

    public PCollection<ScoredTask> dropped() {
      return dropped;
    }

    @Override
    public Pipeline getPipeline() {
      return pipeline;
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return Map.of(keptTag, kept, droppedTag, dropped);
    }

    @Override
    public void finishSpecifyingOutput(
        String transformName, PInput input, PTransform<?, ?> transform) {}
  }
}
