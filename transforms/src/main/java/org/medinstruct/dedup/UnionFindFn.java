package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/** Connected components of the edge list; label = smallest key of the component. */
final class UnionFindFn extends DoFn<KV<Integer, Iterable<byte[]>>, KV<Integer, byte[]>> {
  private final JoinSpec spec;

  UnionFindFn(JoinSpec spec) {
    this.spec = spec;
  }

  /**
   * Edges are united as they are read, so the worker holds an int per node, never the edge list (a
   * dense corpus has hundreds of edges per node). The root of a set is always its smallest key, so
   * the labels do not depend on the order of the edges.
   */
  @ProcessElement
  public void process(ProcessContext c) {
    Map<String, Integer> id = new HashMap<>();
    List<String> names = new ArrayList<>();
    int[] parent = new int[64];
    for (byte[] b : c.element().getValue()) {
      Blob.Reader r = new Blob.Reader(b);
      while (r.more()) {
        int x = 0;
        for (int s = 0; s < 2; s++) {
          String k = r.str();
          Integer v = id.get(k);
          if (v == null) {
            v = names.size();
            id.put(k, v);
            names.add(k);
            if (v == parent.length) {
              parent = Arrays.copyOf(parent, v * 2);
            }
            parent[v] = v;
          }
          if (s == 0) {
            x = v;
          } else {
            union(names, parent, x, v);
          }
        }
      }
    }
    Metrics.distribution(DistributedDedup.METRICS, "componentNodes").update(names.size());
    ShardBatches w = new ShardBatches(spec.shards);
    BiConsumer<Integer, byte[]> emit = (s, bytes) -> c.output(KV.of(s, bytes));
    for (int i = 0; i < names.size(); i++) {
      int s = spec.shardOf(names.get(i));
      w.get(s).varint(Node.PART_LABEL).str(names.get(i)).str(names.get(find(parent, i)));
      w.cut(s, emit);
    }
    w.drain(emit);
  }

  /** Unites the sets of nodes a and b under the smaller key. */
  private static void union(List<String> names, int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      // Root is the smaller key, so the label is the component's first candidate.
      if (names.get(ra).compareTo(names.get(rb)) < 0) {
        parent[rb] = ra;
      } else {
        parent[ra] = rb;
      }
    }
  }

  private static int find(int[] parent, int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }
}
