package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.medinstruct.dedup.DistributedDedup.Decision;
import org.medinstruct.progress.Progress;

/**
 * Resolves the components of one shard, each in key order. The shard's nodes are kept as bytes in a
 * {@link NodeStore} (on disk beyond {@link #IN_MEMORY_BYTES}) with an index of where each is, and
 * each node is read back when the resolution reaches it: the heap holds a few hundred bytes per
 * node whatever its edges, so a dense corpus's giant component (hundreds of millions of edges) is
 * decided on one worker without holding its edges.
 */
final class ResolveFn extends DoFn<KV<Integer, Iterable<byte[]>>, Decision> {
  /** Node bytes a shard keeps on the heap before it moves them to a temporary file. */
  static final long IN_MEMORY_BYTES = 256L << 20;

  private final JoinSpec spec;
  private final Distribution componentSize =
      Metrics.distribution(DistributedDedup.METRICS, "componentSize");
  private final Counter spilledBytes = Metrics.counter(DistributedDedup.METRICS, "resolveSpilled");

  /** No side input (the nodes carry their pool texts), so Flink chains it to its GroupByKey. */
  ResolveFn(JoinSpec spec) {
    this.spec = spec;
  }

  /** Where one node's bytes are, and how many of them hold its label and candidate. */
  private record Entry(String key, long pos, int len, int head) {}

  @ProcessElement
  public void process(ProcessContext c) {
    Resolution resolution = new Resolution(spec, List.of());
    Progress progress = spec.progress();
    long spilled =
        resolveShard(
            c.element().getValue(),
            resolution,
            IN_MEMORY_BYTES,
            c::output,
            size -> {
              componentSize.update(size);
              if (progress != null) {
                progress.completed(DistributedDedup.STAGE_DECIDE, "records", size);
                progress.flush(false);
              }
            },
            () -> {
              if (progress != null) {
                progress.completed(DistributedDedup.STAGE_DECIDE, "records", false, 0, 0);
                progress.flush(false);
              }
            });
    spilledBytes.inc(spilled);
  }

  /** {@link #resolveShard(Iterable, Resolution, long, Consumer, IntConsumer, Runnable)}. */
  static long resolveShard(
      Iterable<byte[]> batches,
      Resolution resolution,
      long memoryLimit,
      Consumer<Decision> out,
      IntConsumer componentDone) {
    return resolveShard(batches, resolution, memoryLimit, out, componentDone, () -> {});
  }

  /**
   * Decides every node in {@code batches} (nodes as {@link Node#write} wrote them, in any order): a
   * node without a label on its own as it is read (reported by {@code lonelyDone}), the others
   * component by component, each in key order (each component's size reported when it is done).
   * Returns the node bytes that went to a temporary file (0 when they fit {@code memoryLimit}).
   */
  static long resolveShard(
      Iterable<byte[]> batches,
      Resolution resolution,
      long memoryLimit,
      Consumer<Decision> out,
      IntConsumer componentDone,
      Runnable lonelyDone) {
    try (NodeStore store = new NodeStore(memoryLimit)) {
      Map<String, List<Entry>> components = new HashMap<>();
      long bytes = 0;
      for (byte[] b : batches) {
        Blob.Reader r = new Blob.Reader(b);
        while (r.more()) {
          int from = r.position();
          String label = r.str();
          if (label == null) {
            // A candidate in no component (AssembleFn): decided on its own, as it is read.
            r.seek(from);
            resolution.resolve(List.of(Node.read(r)), out);
            lonelyDone.run();
            continue;
          }
          Cand cand = Cand.read(r);
          int head = r.position() - from;
          Node.skipHalves(r);
          int len = r.position() - from;
          long pos = store.append(b, from, len);
          bytes += len;
          components
              .computeIfAbsent(label, k -> new ArrayList<>())
              .add(new Entry(cand.item().key(), pos, len, head));
        }
      }
      for (List<Entry> entries : components.values()) {
        entries.sort(Comparator.comparing(Entry::key));
        resolution.resolve(new Stored(entries, store), out);
        componentDone.accept(entries.size());
      }
      return store.spilled() ? bytes : 0;
    }
  }

  /**
   * One component's nodes, read from the store as the resolution needs them. When its keys are
   * digit keys of one length with values close together (the {@code dedup} command's line numbers),
   * a packed partner key finds its node's position in an array by value, with no String and no hash
   * lookup per edge.
   */
  private static final class Stored implements Resolution.Component {
    private final List<Entry> entries;
    private final NodeStore store;
    private final Map<String, Integer> byKey;
    private int[] byValue; // position by packed key - base, or null
    private long base;

    Stored(List<Entry> entries, NodeStore store) {
      this.entries = entries;
      this.store = store;
      this.byKey = new HashMap<>(entries.size() * 2);
      for (int i = 0; i < entries.size(); i++) {
        byKey.put(entries.get(i).key(), i);
      }
      indexByValue();
    }

    /** Fills {@link #byValue} when every key packs, with one length, and the span is small. */
    private void indexByValue() {
      int n = entries.size();
      if (n == 0) {
        return;
      }
      long[] packed = new long[n];
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int i = 0; i < n; i++) {
        long p = Blob.pack(entries.get(i).key());
        if (p < 0
            || (i > 0 && p >>> Blob.PACKED_VALUE_BITS != packed[0] >>> Blob.PACKED_VALUE_BITS)) {
          return;
        }
        packed[i] = p;
        min = Math.min(min, p);
        max = Math.max(max, p);
      }
      if (max - min >= 4L * n + 1024) {
        return; // sparse keys: the hash map is smaller
      }
      base = min;
      byValue = new int[(int) (max - min + 1)];
      Arrays.fill(byValue, -1);
      for (int i = 0; i < n; i++) {
        byValue[(int) (packed[i] - min)] = i;
      }
    }

    @Override
    public int indexOf(String key) {
      return byKey.getOrDefault(key, -1);
    }

    @Override
    public int indexOf(long packedKey) {
      if (byValue == null) {
        return indexOf(Blob.unpack(packedKey));
      }
      long v = packedKey - base; // another length or out of the span: not a node here
      return v < 0 || v >= byValue.length ? -1 : byValue[(int) v];
    }

    @Override
    public int size() {
      return entries.size();
    }

    @Override
    public Node node(int i) {
      Entry e = entries.get(i);
      return Node.read(new Blob.Reader(store.read(e.pos(), e.len())));
    }

    @Override
    public Cand cand(String key) {
      Integer i = byKey.get(key);
      if (i == null) {
        return null;
      }
      Entry e = entries.get(i);
      return Node.readCand(new Blob.Reader(store.read(e.pos(), e.head())));
    }
  }
}
