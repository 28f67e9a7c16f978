package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VoidCoder;
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
import org.medinstruct.dedup.DedupResult.Neighbour;
import org.medinstruct.model.MedTask;

/**
 * Removes near-duplicate tasks by ROUGE-L F on {@code instruction} (see {@link SimilarityDedup}).
 *
 * <p>Input: candidate tasks, in any order; their deterministic order is {@link MedTask#sortKey()}
 * then id. Side inputs: the pool (tasks that only knock candidates out, never output; may be
 * empty) and optionally an evaluation set for decontamination, which is applied first (a
 * decontaminated task takes no part in dedup). Outputs: {@link Result#kept()} and {@link
 * Result#dropped()} as {@link ScoredTask}; every input element is in exactly one of them. All
 * candidates are gathered on one worker, which runs the multi-threaded engine; an engine failure
 * fails the pipeline rather than dropping records.
 */
public final class DeduplicateBySimilarity
    extends PTransform<PCollection<MedTask>, DeduplicateBySimilarity.Result> {
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
    return new DeduplicateBySimilarity(pool, evaluationSet, p, threshold, neighbourFloor,
        decontaminationThreshold, algorithm);
  }

  public DeduplicateBySimilarity withThreshold(double t) {
    return new DeduplicateBySimilarity(pool, evaluationSet, policy, t, neighbourFloor,
        decontaminationThreshold, algorithm);
  }

  /** Kept tasks report their best other candidate at or above this F; above 1 turns it off. */
  public DeduplicateBySimilarity withNeighbourFloor(double floor) {
    return new DeduplicateBySimilarity(pool, evaluationSet, policy, threshold, floor,
        decontaminationThreshold, algorithm);
  }

  public DeduplicateBySimilarity withAlgorithm(DedupAlgorithm a) {
    return new DeduplicateBySimilarity(pool, evaluationSet, policy, threshold, neighbourFloor,
        decontaminationThreshold, a);
  }

  /** Drops candidates with F &gt; {@code t} against any evaluation item, reason "decontaminated". */
  public DeduplicateBySimilarity withDecontamination(
      PCollectionView<List<MedTask>> evaluation, double t) {
    return new DeduplicateBySimilarity(pool, evaluation, policy, threshold, neighbourFloor, t,
        algorithm);
  }

  @Override
  public Result expand(PCollection<MedTask> input) {
    TupleTag<ScoredTask> keptTag = new TupleTag<>() {};
    TupleTag<ScoredTask> droppedTag = new TupleTag<>() {};
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
      SimilarityDedup engine = SimilarityDedup.create().withAlgorithm(algorithm)
          .withNeighbourFloor(neighbourFloor);
      List<String> poolTexts = instructions(context.sideInput(pool));
      List<MedTask> survivors = tasks;
      if (evaluationSet != null) {
        List<String> evalTexts = instructions(context.sideInput(evaluationSet));
        DedupResult clean =
            engine.decontaminateAgainst(evalTexts, instructions(tasks), decontaminationThreshold);
        survivors = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
          if (clean.kept(i)) {
            survivors.add(tasks.get(i));
          } else {
            Neighbour m = clean.nearest(i);
            context.output(droppedTag, new ScoredTask(tasks.get(i), evalTexts.get(m.index()),
                m.score(), null, Double.NaN, ScoredTask.DECONTAMINATED));
          }
        }
      }
      List<String> texts = instructions(survivors);
      DedupResult r = engine.dedup(poolTexts, texts, policy, threshold);
      for (int i = 0; i < survivors.size(); i++) {
        Neighbour n = r.nearest(i);
        Neighbour s = r.nearestPool(i);
        ScoredTask scored = new ScoredTask(survivors.get(i),
            n == null ? null : text(n, poolTexts, texts), n == null ? Double.NaN : n.score(),
            s == null ? null : poolTexts.get(s.index()), s == null ? Double.NaN : s.score(),
            r.kept(i) ? null : ScoredTask.DUPLICATE);
        context.output(r.kept(i) ? keptTag : droppedTag, scored);
      }
    }

    private static String text(Neighbour n, List<String> pool, List<String> candidates) {
      return n.source() == DedupResult.Source.POOL ? pool.get(n.index())
          : candidates.get(n.index());
    }

    private static List<String> instructions(List<MedTask> tasks) {
      List<String> out = new ArrayList<>(tasks.size());
      for (MedTask t : tasks) {
        out.add(t.instruction() == null ? "" : t.instruction());
      }
      return out;
    }
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
