package org.medinstruct.dedup;

import java.util.List;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.medinstruct.dedup.DistributedDedup.Decision;
import org.medinstruct.dedup.DistributedDedup.Item;

/**
 * The whole distributed join (see {@link DistributedDedup}): input {@link #CANDIDATES} and {@link
 * #POOL} items, one {@link Decision} per candidate. Stages: {@link RankElements}, {@link
 * FindHotElements}, {@link VerifyPairs}, {@link LabelComponents}, the exact nearest pool item per
 * candidate, {@link DecideCandidates}.
 */
final class DecideDuplicates extends PTransform<PCollectionTuple, PCollection<Decision>> {
  static final TupleTag<Item> CANDIDATES = new TupleTag<>("candidates");
  static final TupleTag<Item> POOL = new TupleTag<>("pool");

  private final JoinSpec spec;
  private final PCollectionView<List<String>> poolTexts;

  /** {@code poolTexts}: the pool items' texts in position order, as one list. */
  DecideDuplicates(JoinSpec spec, PCollectionView<List<String>> poolTexts) {
    this.spec = spec;
    this.poolTexts = poolTexts;
  }

  @Override
  public PCollection<Decision> expand(PCollectionTuple input) {
    PCollection<Item> candidates = input.get(CANDIDATES);
    // Join records without payloads: candidates by key, pool items by position.
    PCollection<byte[]> records =
        PCollectionList.of(candidates.apply("CandidateRecords", ParDo.of(new ToRecordFn(false))))
            .and(input.get(POOL).apply("PoolRecords", ParDo.of(new ToRecordFn(true))))
            .apply("AllRecords", Flatten.pCollections());
    PCollectionView<List<byte[]>> counts = records.apply("RankElements", new RankElements(spec));
    PCollectionView<List<byte[]>> hot =
        records.apply("FindHotElements", new FindHotElements(spec, counts));
    VerifyPairs verifyPairs = new VerifyPairs(spec, counts, hot);
    PCollectionTuple verified = records.apply("VerifyPairs", verifyPairs);
    PCollection<KV<Integer, byte[]>> labels =
        verified.get(verifyPairs.edges).apply("LabelComponents", new LabelComponents(spec));
    PCollection<KV<Integer, byte[]>> cands =
        candidates
            .apply(
                "NearestPool", ParDo.of(new PoolScanFn(spec, poolTexts)).withSideInputs(poolTexts))
            .setCoder(ShardBatches.BATCH);
    return PCollectionList.of(cands)
        .and(verified.get(verifyPairs.halves))
        .and(labels)
        .apply("DecideCandidates", new DecideCandidates(spec, poolTexts));
  }
}
