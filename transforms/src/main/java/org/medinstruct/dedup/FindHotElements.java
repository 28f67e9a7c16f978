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
 * Counts the posting-list size of every prefix element and keeps those above the hot-key bound:
 * batches of (element rank, size) that {@link EmitPostingsFn} splits into buckets.
 */
final class FindHotElements extends PTransform<PCollection<byte[]>, PCollectionView<List<byte[]>>> {
  private final JoinSpec spec;
  private final PCollectionView<List<byte[]>> counts;

  /** {@code counts}: the output of {@link RankElements} over the same records. */
  FindHotElements(JoinSpec spec, PCollectionView<List<byte[]>> counts) {
    this.spec = spec;
    this.counts = counts;
  }

  @Override
  public PCollectionView<List<byte[]>> expand(PCollection<byte[]> records) {
    return records
        .apply("CountPostings", ParDo.of(new CountPostingsFn(spec, counts)).withSideInputs(counts))
        .setCoder(ShardBatches.BATCH)
        .apply("GroupPostingCounts", GroupByKey.create())
        .apply("HotElements", ParDo.of(new MergeCountsFn(spec.hotKeyBound)))
        .setCoder(ByteArrayCoder.of())
        .apply("HotElementsView", View.asList());
  }
}
