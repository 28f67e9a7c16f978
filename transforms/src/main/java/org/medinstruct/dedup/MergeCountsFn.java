package org.medinstruct.dedup;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Merges one shard's (key, count) batches. With {@code minExclusive} = Long.MIN_VALUE keys are
 * element strings and all are kept; otherwise keys are posting sub-keys (varlong) and only those
 * with a count above it are kept.
 */
final class MergeCountsFn extends DoFn<KV<Integer, Iterable<byte[]>>, byte[]> {
  private final long minExclusive;

  MergeCountsFn(long minExclusive) {
    this.minExclusive = minExclusive;
  }

  @ProcessElement
  public void process(@Element KV<Integer, Iterable<byte[]>> batches, OutputReceiver<byte[]> out) {
    boolean strings = minExclusive == Long.MIN_VALUE;
    Map<Object, long[]> merged = new HashMap<>();
    for (byte[] b : batches.getValue()) {
      Blob.Reader r = new Blob.Reader(b);
      while (r.more()) {
        Object k = strings ? r.str() : (Object) r.varlong();
        merged.computeIfAbsent(k, x -> new long[1])[0] += r.varlong();
      }
    }
    Blob.Writer w = new Blob.Writer(16 * merged.size() + 16);
    merged.forEach(
        (k, n) -> {
          if (n[0] > minExclusive) {
            if (strings) {
              w.str((String) k);
            } else {
              w.varint((Long) k);
            }
            w.varint(n[0]);
          }
        });
    if (w.size() > 0) {
      out.output(w.toBytes());
    }
  }
}
