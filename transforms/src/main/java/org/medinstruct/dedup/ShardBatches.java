package org.medinstruct.dedup;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/** One growing batch of records per shard, emitted as (shard, bytes). */
final class ShardBatches {
  /** Coder of what the join shuffles: (shard, batch of records). */
  static final Coder<KV<Integer, byte[]>> BATCH = KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of());

  /** A batch is cut at about this size, at most. */
  static final int BATCH_BYTES = 1 << 20;

  /** What one instance may hold in unfinished batches, about: smaller batches for more shards. */
  static final int BUFFER_BYTES = 64 << 20;

  private final Blob.Writer[] out;
  private final int cutBytes;

  ShardBatches(int shards) {
    out = new Blob.Writer[shards];
    cutBytes = cutBytes(shards);
  }

  /** The size a batch is cut at with {@code shards} shards: 1 MB up to 64, 256 KB for 256. */
  static int cutBytes(int shards) {
    return Math.max(64 << 10, Math.min(BATCH_BYTES, BUFFER_BYTES / Math.max(1, shards)));
  }

  /** Shard s's batch, created on first use. */
  Blob.Writer get(int s) {
    if (out[s] == null) {
      out[s] = new Blob.Writer(4096);
    }
    return out[s];
  }

  /** Emits shard s's batch if it is full. */
  void cut(int s, DoFn.OutputReceiver<KV<Integer, byte[]>> receiver) {
    if (full(s)) {
      receiver.output(KV.of(s, take(s)));
    }
  }

  /** Hands shard s's batch to {@code sink} if it is full. */
  void cut(int s, BiConsumer<Integer, byte[]> sink) {
    if (full(s)) {
      sink.accept(s, take(s));
    }
  }

  private boolean full(int s) {
    return out[s].size() >= cutBytes;
  }

  private byte[] take(int s) {
    byte[] bytes = out[s].toBytes();
    out[s].reset();
    return bytes;
  }

  /** Hands every non-empty batch to {@code sink}, in shard order, and empties it. */
  void drain(BiConsumer<Integer, byte[]> sink) {
    for (int s = 0; s < out.length; s++) {
      if (out[s] != null && out[s].size() > 0) {
        sink.accept(s, out[s].toBytes());
        out[s].reset();
      }
    }
  }

  /** Drains into a bundle's end, in the global window, to the main output or to {@code tag}. */
  void drain(
      DoFn<?, KV<Integer, byte[]>>.FinishBundleContext c, TupleTag<KV<Integer, byte[]>> tag) {
    drain(
        (s, bytes) -> {
          KV<Integer, byte[]> kv = KV.of(s, bytes);
          if (tag == null) {
            c.output(kv, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
          } else {
            c.output(tag, kv, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
          }
        });
  }

  /** Per-bundle counts as (key, count) batches by shard of the key, emitted at the bundle's end. */
  static <K> void emitCounts(
      Map<K, long[]> counts,
      ToIntFunction<K> shardOf,
      BiConsumer<Blob.Writer, K> writeKey,
      int shards,
      DoFn<?, KV<Integer, byte[]>>.FinishBundleContext c) {
    ShardBatches w = new ShardBatches(shards);
    counts.forEach(
        (k, n) -> {
          Blob.Writer b = w.get(shardOf.applyAsInt(k));
          writeKey.accept(b, k);
          b.varint(n[0]);
        });
    w.drain(c, null);
  }
}
