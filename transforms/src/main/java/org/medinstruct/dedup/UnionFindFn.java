package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/** Connected components of the edge list; label = smallest key of the component. */
final class UnionFindFn extends DoFn<KV<Integer, Iterable<byte[]>>, KV<Integer, byte[]>> {
  private final JoinSpec spec;

  UnionFindFn(JoinSpec spec) {
    this.spec = spec;
  }

  @ProcessElement
  public void process(ProcessContext c) {
    Map<String, Integer> id = new HashMap<>();
    List<String> names = new ArrayList<>();
    int[] pairs = new int[64];
    int np = 0;
    for (byte[] b : c.element().getValue()) {
      Blob.Reader r = new Blob.Reader(b);
      while (r.more()) {
        for (int s = 0; s < 2; s++) {
          String k = r.str();
          Integer v = id.get(k);
          if (v == null) {
            v = names.size();
            id.put(k, v);
            names.add(k);
          }
          if (np == pairs.length) {
            pairs = Arrays.copyOf(pairs, np * 2);
          }
          pairs[np++] = v;
        }
      }
    }
    int[] parent = union(names, pairs, np);
    Metrics.distribution(DistributedDedup.METRICS, "componentNodes").update(names.size());
    ShardBatches w = new ShardBatches(spec.shards);
    for (int i = 0; i < names.size(); i++) {
      w.get(spec.shardOf(names.get(i)))
          .varint(Node.PART_LABEL)
          .str(names.get(i))
          .str(names.get(find(parent, i)));
    }
    w.drain((s, bytes) -> c.output(KV.of(s, bytes)));
  }

  /** Union-find over the first {@code np} ints of {@code pairs} (node ids, two per edge). */
  private static int[] union(List<String> names, int[] pairs, int np) {
    int[] parent = new int[names.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (int p = 0; p < np; p += 2) {
      int ra = find(parent, pairs[p]);
      int rb = find(parent, pairs[p + 1]);
      if (ra != rb) {
        // Root is the smaller key, so the label is the component's first candidate.
        if (names.get(ra).compareTo(names.get(rb)) < 0) {
          parent[rb] = ra;
        } else {
          parent[ra] = rb;
        }
      }
    }
    return parent;
  }

  private static int find(int[] parent, int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }
}
