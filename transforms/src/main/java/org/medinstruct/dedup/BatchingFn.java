package org.medinstruct.dedup;

import java.util.function.BiConsumer;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/** A DoFn that writes per-shard batches over a bundle, cut at about 1 MB. */
abstract class BatchingFn<I> extends DoFn<I, KV<Integer, byte[]>> {
  private transient ShardBatches out;

  Blob.Writer shard(int s, int shards) {
    if (out == null) {
      out = new ShardBatches(shards);
    }
    return out.get(s);
  }

  /** Emits shard s's batch if it is full. */
  void cut(int s, OutputReceiver<KV<Integer, byte[]>> receiver) {
    out.cut(s, receiver);
  }

  /** Hands shard s's batch to {@code sink} if it is full. */
  void cut(int s, BiConsumer<Integer, byte[]> sink) {
    out.cut(s, sink);
  }

  /** Emits every non-empty batch, to the main output or to {@code tag}. */
  void flushAll(FinishBundleContext c, TupleTag<KV<Integer, byte[]>> tag) {
    if (out != null) {
      out.drain(c, tag);
    }
  }
}
