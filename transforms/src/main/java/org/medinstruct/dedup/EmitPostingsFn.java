package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.medinstruct.progress.Progress;

/**
 * Sends each record once to every shard that holds one of its (sub-)keys, with its memberships
 * (element, bucket i, bucket j, own bucket) there.
 */
final class EmitPostingsFn extends BatchingFn<byte[]> {
  private final JoinSpec spec;
  private final PCollectionView<List<byte[]>> counts;
  private final PCollectionView<List<byte[]>> hot;
  private final Counter hotKeys = Metrics.counter(DistributedDedup.METRICS, "hotKeyPostings");

  /** The record being sent, encoded once for all its shards. */
  private transient Blob.Writer encoded;

  EmitPostingsFn(
      JoinSpec spec, PCollectionView<List<byte[]>> counts, PCollectionView<List<byte[]>> hot) {
    this.spec = spec;
    this.counts = counts;
    this.hot = hot;
  }

  @ProcessElement
  public void process(ProcessContext c, OutputReceiver<KV<Integer, byte[]>> out) {
    Rec rec = spec.rec(c.element(), spec.ranks(c.sideInput(counts)));
    Progress progress = spec.progress();
    if (rec != null) {
      Map<Integer, List<long[]>> bySub = memberships(rec, spec.hotSizes(c.sideInput(hot)));
      // Encoded once, copied to each shard (a dense corpus's record goes to about 90 of them).
      if (encoded == null) {
        encoded = new Blob.Writer(256);
      }
      encoded.reset();
      rec.write(encoded);
      byte[] bytes = encoded.toBytes();
      for (Map.Entry<Integer, List<long[]>> en : bySub.entrySet()) {
        int s = en.getKey();
        Blob.Writer w = shard(s, spec.shards);
        w.raw(bytes);
        w.varint(en.getValue().size());
        for (long[] m : en.getValue()) {
          w.varint(m[0]).varint(m[1]).varint(m[2]).varint(m[3]).varint(m[4]);
        }
        cut(s, out);
      }
      if (progress != null) {
        progress.submitted(DistributedDedup.STAGE_JOIN, "postings", bySub.size());
      }
    }
    if (progress != null) {
      progress.submitted(DistributedDedup.STAGE_INDEX, "records");
      progress.completed(DistributedDedup.STAGE_INDEX, "records", false, 0, 0);
      if (rec != null) {
        progress.flush(false);
      }
    }
  }

  /** The record's memberships {element, lo, hi, own bucket, position} by shard of sub-key. */
  private Map<Integer, List<long[]>> memberships(Rec rec, Map<Long, Long> hotSizes) {
    Map<Integer, List<long[]>> bySub = new HashMap<>();
    String recKey = rec.pool ? "\u0000pool" + rec.poolIndex : rec.key();
    for (int i = 0, n = spec.prefixLength(rec.elements.length); i < n; i++) {
      int e = rec.elements[i];
      Long size = hotSizes.get((long) e);
      if (size == null) {
        bySub
            .computeIfAbsent(spec.shardOf(((long) e) << 24), x -> new ArrayList<>())
            .add(new long[] {e, 0, 0, 0, i});
        continue;
      }
      hotKeys.inc();
      int m = JoinSpec.buckets(size, spec.hotKeyBound);
      int b = JoinSpec.bucket(recKey, m);
      for (int j = 0; j < m; j++) {
        int lo = Math.min(b, j), hi = Math.max(b, j);
        bySub
            .computeIfAbsent(spec.shardOf(e, lo, hi, m), x -> new ArrayList<>())
            .add(new long[] {e, lo, hi, b, i});
      }
    }
    return bySub;
  }

  @FinishBundle
  public void finish(FinishBundleContext c) {
    flushAll(c, null);
    Progress progress = spec.progress();
    if (progress != null) {
      progress.flush(true);
    }
  }
}
