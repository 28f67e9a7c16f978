package org.medinstruct.dedup;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/** Counts elements per bundle; emits (element, count) batches by shard of the element. */
final class CountElementsFn extends DoFn<byte[], KV<Integer, byte[]>> {
  private final JoinSpec spec;
  private transient Map<String, long[]> counts;

  CountElementsFn(JoinSpec spec) {
    this.spec = spec;
  }

  @StartBundle
  public void start() {
    counts = new HashMap<>();
  }

  @ProcessElement
  public void process(@Element byte[] input) {
    Blob.Reader r = new Blob.Reader(input);
    r.bool();
    r.str();
    for (String e : Rec.elements(r.str())) {
      counts.computeIfAbsent(e, k -> new long[1])[0]++;
    }
  }

  @FinishBundle
  public void finish(FinishBundleContext c) {
    ShardBatches.emitCounts(counts, spec::shardOf, Blob.Writer::str, spec.shards, c);
    counts = null;
  }
}
