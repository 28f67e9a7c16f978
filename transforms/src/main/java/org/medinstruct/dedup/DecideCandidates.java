package org.medinstruct.dedup;

import java.util.List;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.medinstruct.dedup.DistributedDedup.Decision;
import org.medinstruct.dedup.DistributedDedup.DecisionCoder;

/**
 * Joins every candidate with its half edges and component label (node parts batched by the shard of
 * the candidate, see {@link Node}); decides a candidate without a label on its own and every
 * component in key order on the shard of its label. One decision per candidate.
 */
final class DecideCandidates
    extends PTransform<PCollectionList<KV<Integer, byte[]>>, PCollection<Decision>> {
  private final JoinSpec spec;
  private final PCollectionView<List<String>> poolTexts;

  DecideCandidates(JoinSpec spec, PCollectionView<List<String>> poolTexts) {
    this.spec = spec;
    this.poolTexts = poolTexts;
  }

  @Override
  public PCollection<Decision> expand(PCollectionList<KV<Integer, byte[]>> parts) {
    return parts
        .apply("NodeParts", Flatten.pCollections())
        .apply("GroupNodeParts", GroupByKey.create())
        .apply("AssembleNodes", ParDo.of(new AssembleFn(spec, poolTexts)).withSideInputs(poolTexts))
        .setCoder(ShardBatches.BATCH)
        .apply("GroupComponents", GroupByKey.create())
        .apply("ResolveComponents", ParDo.of(new ResolveFn(spec)))
        .setCoder(DecisionCoder.of());
  }
}
