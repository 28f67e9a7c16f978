package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.medinstruct.model.MedTask;

/**
 * Sorts the candidates gathered under one key, decontaminates, dedups ({@link DedupBatch}) and
 * emits every one, scored.
 */
final class GatheredDedupFn extends DoFn<KV<Void, Iterable<MedTask>>, ScoredTask> {
  private final PCollectionView<List<MedTask>> pool;
  private final PCollectionView<List<MedTask>> evaluationSet;
  private final DedupBatch batch;
  private final Counter candidatePairs =
      Metrics.counter(DistributedDedup.METRICS, "candidatePairs");
  private final Counter verifiedPairs = Metrics.counter(DistributedDedup.METRICS, "verifiedPairs");
  private final Counter postingsScanned =
      Metrics.counter(DistributedDedup.METRICS, "postingsScanned");
  private final Distribution maxPostingScan =
      Metrics.distribution(DistributedDedup.METRICS, "maxPostingScan");
  private final Distribution engineMillis =
      Metrics.distribution(DistributedDedup.METRICS, "engineMillis");

  /** {@code evaluationSet}: null for no decontamination. */
  GatheredDedupFn(
      PCollectionView<List<MedTask>> pool,
      PCollectionView<List<MedTask>> evaluationSet,
      DedupBatch batch) {
    this.pool = pool;
    this.evaluationSet = evaluationSet;
    this.batch = batch;
  }

  @ProcessElement
  public void process(ProcessContext context) {
    List<MedTask> tasks = new ArrayList<>();
    context.element().getValue().forEach(tasks::add);
    tasks.sort(SortInstructions.ORDER);
    // Side-input lists have no defined order; sort them so indexes and tie-breaks are stable.
    List<String> poolTexts = SortInstructions.sortedTexts(context.sideInput(pool));
    List<String> evalTexts =
        evaluationSet == null
            ? null
            : SortInstructions.sortedTexts(context.sideInput(evaluationSet));
    DedupBatch.Outcome outcome = batch.run(tasks, poolTexts, evalTexts);
    DedupStats stats = outcome.stats();
    candidatePairs.inc(stats.candidatePairs());
    verifiedPairs.inc(stats.verifiedPairs());
    postingsScanned.inc(stats.postingsScanned());
    maxPostingScan.update(stats.maxPostingScan());
    engineMillis.update(stats.millis());
    for (ScoredTask t : outcome.scored()) {
      context.output(t);
    }
  }
}
