package org.medinstruct.dedup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.medinstruct.progress.Progress;

/**
 * Verifies the pairs of every (sub-)key of one shard (see {@link SubKeyJoin}); similar pairs become
 * half edges to the candidates' shards (only the halves a decision can use, {@link
 * JoinSpec#usesHalf}) and, above the threshold between two candidates, edges (a spanning forest of
 * the shard's).
 */
final class VerifyFn extends BatchingFn<KV<Integer, Iterable<byte[]>>> implements SubKeyJoin.Sink {
  private final JoinSpec spec;
  private final TupleTag<KV<Integer, byte[]>> halvesTag;
  private final TupleTag<KV<Integer, byte[]>> edgesTag;
  private final Counter candidatePairs =
      Metrics.counter(DistributedDedup.METRICS, "candidatePairs");
  private final Counter verifiedPairs = Metrics.counter(DistributedDedup.METRICS, "verifiedPairs");
  private final Counter similarPairs = Metrics.counter(DistributedDedup.METRICS, "similarPairs");
  private transient SubKeyJoin join;
  private transient long similar; // counted here, added to the metric per shard
  private transient Blob.Writer edges;
  private transient ProcessContext context;
  private transient BiConsumer<Integer, byte[]> halves; // full half batches, to halvesTag

  /**
   * The shard's records united by its edges so far (by slot), and every record this worker's edges
   * touched united by the edges it sent (by key, across shards): an edge between two records
   * already connected is not sent, so the components' worker ({@link UnionFindFn}) gets a spanning
   * forest of each worker's edges (fewer than the records) instead of every similar pair, and finds
   * the same components. The key lookup runs only for the edges the shard's own forest keeps.
   */
  private transient Forest forest;

  /** The shard's halves between two packed candidate keys, written grouped at its end. */
  private transient GroupedHalves grouped;

  private transient Forest sent;
  private transient Map<String, Integer> sentIds;
  private transient Map<Long, Integer> sentPacked;

  VerifyFn(
      JoinSpec spec,
      TupleTag<KV<Integer, byte[]>> halvesTag,
      TupleTag<KV<Integer, byte[]>> edgesTag) {
    this.spec = spec;
    this.halvesTag = halvesTag;
    this.edgesTag = edgesTag;
  }

  @ProcessElement
  public void process(ProcessContext c) {
    JoinShard shard = JoinShard.read(c.element().getValue());
    int records = shard.recs.size();
    if (join == null) {
      join = new SubKeyJoin(spec);
    }
    join.ensureCapacity(shard.maxId());
    if (edges == null) {
      edges = new Blob.Writer(4096);
    }
    context = c;
    halves = (s, bytes) -> c.output(halvesTag, KV.of(s, bytes));
    forest = new Forest(records);
    if (grouped == null) {
      grouped = new GroupedHalves();
    }
    if (sent == null) {
      sent = new Forest(1024);
      sentIds = new HashMap<>();
      sentPacked = new HashMap<>();
    }
    Progress progress = spec.progress();
    long members = Math.max(1, shard.members());
    long[] done = {0, 0}; // members done, records reported
    shard.verify(
        join,
        this,
        n -> {
          done[0] += n;
          long recordsDone = done[0] * records / members;
          if (progress != null && recordsDone - done[1] > 1000) {
            reportDone(progress, recordsDone - done[1]);
            done[1] = recordsDone;
          }
        });
    writeGrouped(shard);
    if (progress != null) {
      reportDone(progress, records - done[1]);
    }
    context = null;
    halves = null;
    forest = null;
    candidatePairs.inc(join.takeCandidates());
    verifiedPairs.inc(join.takeVerified());
    similarPairs.inc(similar);
    similar = 0;
    join.flushMetrics();
    if (edges.size() > 0) {
      c.output(edgesTag, KV.of(0, edges.toBytes()));
      edges.reset();
    }
  }

  private static void reportDone(Progress progress, long n) {
    progress.completed(DistributedDedup.STAGE_JOIN, "postings", n);
    progress.flush(false);
  }

  private void writeGrouped(JoinShard shard) {
    grouped.drain(
        shard.recs.size(),
        (slot, order, from, to) -> {
          Rec me = shard.recs.get(slot);
          int s = keyShard(me);
          grouped.write(shard(s, spec.shards), me, order, from, to);
          cut(s, halves);
        });
  }

  private int keyShard(Rec me) {
    if (me.keyShard < 0) {
      me.keyShard = spec.shardOf(me.key());
    }
    return me.keyShard;
  }

  @Override
  public void similar(Rec x, Rec y, int lcs, double f) {
    similar++;
    for (int side = 0; side < 2; side++) {
      Rec me = side == 0 ? x : y;
      Rec other = side == 0 ? y : x;
      if (me.pool || !spec.usesHalf(me, other, f)) {
        continue;
      }
      if (me.packedKey >= 0 && other.packedKey >= 0 && other.text == null) {
        grouped.add(me.slot, other.packedKey, lcs, other.elements.length);
        continue;
      }
      int s = keyShard(me);
      Blob.Writer w = shard(s, spec.shards);
      w.varint(Node.PART_HALF);
      new Half(other.key(), other.pool, other.poolIndex, other.text, f).write(w, me.key());
      cut(s, halves);
    }
    if (!x.pool
        && !y.pool
        && f > spec.threshold
        && forest.union(x.slot, y.slot)
        && sent.union(sentId(x), sentId(y))) {
      edges.str(x.key()).str(y.key());
      if (edges.size() >= ShardBatches.BATCH_BYTES) {
        // A dense shard's edges in one array would outgrow the heap (and Java's array limit).
        context.output(edgesTag, KV.of(0, edges.toBytes()));
        edges.reset();
      }
    }
  }

  /**
   * The record's id among the records this worker's edges touched: by packed key when the key packs
   * (a map of the key Strings was a twentieth of the join: similar ids hash into few bins), else by
   * key.
   */
  private int sentId(Rec rec) {
    if (rec.sentId < 0) {
      Integer id = rec.packedKey >= 0 ? sentPacked.get(rec.packedKey) : sentIds.get(rec.key());
      if (id == null) {
        id = sentPacked.size() + sentIds.size();
        if (rec.packedKey >= 0) {
          sentPacked.put(rec.packedKey, id);
        } else {
          sentIds.put(rec.key(), id);
        }
        sent.add(id);
      }
      rec.sentId = id;
    }
    return rec.sentId;
  }

  /** Union-find over ints 0..n-1 (n grows with {@link #add}). */
  private static final class Forest {
    private int[] parent;

    Forest(int n) {
      parent = new int[Math.max(1, n)];
      for (int i = 0; i < parent.length; i++) {
        parent[i] = i;
      }
    }

    /** Makes room for {@code id} (ids are added in order). */
    void add(int id) {
      if (id >= parent.length) {
        int old = parent.length;
        parent = Arrays.copyOf(parent, Math.max(id + 1, old * 2));
        for (int i = old; i < parent.length; i++) {
          parent[i] = i;
        }
      }
    }

    /** Unites a and b; returns whether they were apart. */
    boolean union(int a, int b) {
      int ra = find(a);
      int rb = find(b);
      if (ra == rb) {
        return false;
      }
      parent[ra] = rb;
      return true;
    }

    private int find(int x) {
      while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
      }
      return x;
    }
  }

  @FinishBundle
  public void finish(FinishBundleContext c) {
    flushAll(c, halvesTag);
  }
}
