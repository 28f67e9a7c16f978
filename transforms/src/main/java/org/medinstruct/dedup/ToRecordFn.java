package org.medinstruct.dedup;

import org.apache.beam.sdk.transforms.DoFn;
import org.medinstruct.dedup.DistributedDedup.Item;

/** Candidate or pool item as (pool flag, key, text) bytes, without payload. */
final class ToRecordFn extends DoFn<Item, byte[]> {
  private final boolean pool;

  ToRecordFn(boolean pool) {
    this.pool = pool;
  }

  @ProcessElement
  public void process(@Element Item item, OutputReceiver<byte[]> out) {
    out.output(
        new Blob.Writer(64 + item.text().length())
            .bool(pool)
            .str(item.key())
            .str(item.text())
            .toBytes());
  }
}
