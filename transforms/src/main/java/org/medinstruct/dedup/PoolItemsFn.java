package org.medinstruct.dedup;

import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.PCollectionView;
import org.medinstruct.dedup.DistributedDedup.Item;

/** The ordered pool texts (a side input) as Items keyed by their position. */
final class PoolItemsFn extends DoFn<Void, Item> {
  private final PCollectionView<List<String>> texts;

  PoolItemsFn(PCollectionView<List<String>> texts) {
    this.texts = texts;
  }

  @ProcessElement
  public void process(ProcessContext c) {
    List<String> t = c.sideInput(texts);
    for (int i = 0; i < t.size(); i++) {
      c.output(new Item(Integer.toString(i), t.get(i), null));
    }
  }
}
