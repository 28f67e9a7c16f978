package org.medinstruct.dedup;

import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Connected components of the candidate edges above the threshold (the only edges the greedy order
 * propagates along), by union-find over that sparse edge list: a label (the component's smallest
 * key) per candidate in an edge, batched by the shard of the candidate.
 */
final class LabelComponents
    extends PTransform<PCollection<KV<Integer, byte[]>>, PCollection<KV<Integer, byte[]>>> {
  private final JoinSpec spec;

  LabelComponents(JoinSpec spec) {
    this.spec = spec;
  }

  @Override
  public PCollection<KV<Integer, byte[]>> expand(PCollection<KV<Integer, byte[]>> edges) {
    return edges
        .apply("GatherEdgeList", GroupByKey.create())
        .apply("UnionFind", ParDo.of(new UnionFindFn(spec)))
        .setCoder(ShardBatches.BATCH);
  }
}
