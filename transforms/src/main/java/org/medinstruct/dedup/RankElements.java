package org.medinstruct.dedup;

import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Counts the token-occurrence elements of the join records (see {@link ToRecordFn}), merged per
 * shard: one batch of (element, count) per shard, from which every worker ranks the vocabulary
 * rarest first ({@link JoinSpec#ranks}).
 */
final class RankElements extends PTransform<PCollection<byte[]>, PCollectionView<List<byte[]>>> {
  private final JoinSpec spec;

  RankElements(JoinSpec spec) {
    this.spec = spec;
  }

  @Override
  public PCollectionView<List<byte[]>> expand(PCollection<byte[]> records) {
    return records
        .apply("CountElements", ParDo.of(new CountElementsFn(spec)))
        .setCoder(ShardBatches.BATCH)
        .apply("GroupElementCounts", GroupByKey.create())
        .apply("MergeElementCounts", ParDo.of(new MergeCountsFn(Long.MIN_VALUE)))
        .setCoder(ByteArrayCoder.of())
        .apply("ElementCountsView", View.asList());
  }
}
