package org.medinstruct.dedup;

import java.util.List;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Sends the join records to the shards of their prefix (sub-)keys and verifies each wanted pair
 * once. Outputs {@link #halves}: half edges, batched by the shard of their candidate; {@link
 * #edges}: candidate-candidate edges above the threshold, in batches under key 0.
 */
final class VerifyPairs extends PTransform<PCollection<byte[]>, PCollectionTuple> {
  /** Half edges of this application. */
  final TupleTag<KV<Integer, byte[]>> halves = new TupleTag<>();

  /** Edges of this application. */
  final TupleTag<KV<Integer, byte[]>> edges = new TupleTag<>();

  private final JoinSpec spec;
  private final PCollectionView<List<byte[]>> counts;
  private final PCollectionView<List<byte[]>> hot;

  /** {@code counts}, {@code hot}: {@link RankElements} and {@link FindHotElements}. */
  VerifyPairs(
      JoinSpec spec, PCollectionView<List<byte[]>> counts, PCollectionView<List<byte[]>> hot) {
    this.spec = spec;
    this.counts = counts;
    this.hot = hot;
  }

  @Override
  public PCollectionTuple expand(PCollection<byte[]> records) {
    PCollectionTuple verified =
        records
            .apply(
                "EmitPostings",
                ParDo.of(new EmitPostingsFn(spec, counts, hot)).withSideInputs(counts, hot))
            .setCoder(ShardBatches.BATCH)
            .apply("GroupPostings", GroupByKey.create())
            .apply(
                "Verify",
                ParDo.of(new VerifyFn(spec, halves, edges))
                    .withOutputTags(halves, TupleTagList.of(edges)));
    verified.get(halves).setCoder(ShardBatches.BATCH);
    verified.get(edges).setCoder(ShardBatches.BATCH);
    return verified;
  }
}
