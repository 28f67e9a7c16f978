package org.medinstruct.dedup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;

/** Counts the prefix elements of the bundle's records (posting sizes), by shard of element. */
final class CountPostingsFn extends DoFn<byte[], KV<Integer, byte[]>> {
  private final JoinSpec spec;
  private final PCollectionView<List<byte[]>> counts;
  private transient Map<Long, long[]> sizes;

  CountPostingsFn(JoinSpec spec, PCollectionView<List<byte[]>> counts) {
    this.spec = spec;
    this.counts = counts;
  }

  @StartBundle
  public void start() {
    sizes = new HashMap<>();
  }

  @ProcessElement
  public void process(ProcessContext c) {
    Rec rec = spec.rec(c.element(), spec.ranks(c.sideInput(counts)));
    if (rec == null) {
      return;
    }
    for (int i = 0, n = spec.prefixLength(rec.elements.length); i < n; i++) {
      sizes.computeIfAbsent((long) rec.elements[i], x -> new long[1])[0]++;
    }
  }

  @FinishBundle
  public void finish(FinishBundleContext c) {
    ShardBatches.emitCounts(sizes, spec::shardOf, Blob.Writer::varint, spec.shards, c);
    sizes = null;
  }
}
