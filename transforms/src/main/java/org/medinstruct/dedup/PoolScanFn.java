package org.medinstruct.dedup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.medinstruct.dedup.DistributedDedup.Item;
import org.medinstruct.progress.Progress;

/** Per candidate: the exact nearest pool item when the pool is small (as PoolScan). */
final class PoolScanFn extends BatchingFn<Item> {
  private final JoinSpec spec;
  private final PCollectionView<List<String>> poolTexts;
  private transient Map<String, Integer> ids;
  private transient int[][] poolSeqs;
  private transient BitLcs lcs;
  private transient int capacity;

  PoolScanFn(JoinSpec spec, PCollectionView<List<String>> poolTexts) {
    this.spec = spec;
    this.poolTexts = poolTexts;
  }

  private int[] ids(String text) {
    List<String> t = RougeL.tokenize(text);
    int[] s = new int[t.size()];
    for (int i = 0; i < s.length; i++) {
      Integer v = ids.putIfAbsent(t.get(i), ids.size());
      s[i] = v == null ? ids.size() - 1 : v;
    }
    return s;
  }

  @ProcessElement
  public void process(ProcessContext c, OutputReceiver<KV<Integer, byte[]>> out) {
    Item item = c.element();
    List<String> pool = spec.poolList(c.sideInput(poolTexts));
    int s = spec.shardOf(item.key());
    Blob.Writer w = shard(s, spec.shards);
    w.varint(Node.PART_CAND);
    Progress progress = spec.progress();
    if (progress != null) {
      progress.submitted(DistributedDedup.STAGE_DECIDE, "records");
    }
    if (!spec.candidatePairs || pool.size() > spec.exactPoolLimit) {
      new Cand(item, false, -1, Double.NaN).write(w);
    } else {
      nearest(item, pool).write(w);
    }
    cut(s, out);
  }

  /** The candidate with its exact nearest pool item (none when no pool item shares a token). */
  private Cand nearest(Item item, List<String> pool) {
    if (ids == null) {
      ids = new HashMap<>();
      poolSeqs = new int[pool.size()][];
      for (int p = 0; p < pool.size(); p++) {
        poolSeqs[p] = ids(pool.get(p));
      }
    }
    int[] x = ids(item.text());
    if (lcs == null || ids.size() > capacity) {
      capacity = Math.max(ids.size() + 1024, capacity * 2);
      lcs = new BitLcs(capacity);
    }
    int bestIndex = -1;
    double best = 0.0;
    if (x.length > 0) {
      lcs.load(x);
      for (int p = 0; p < poolSeqs.length; p++) {
        int[] q = poolSeqs[p];
        if (q.length == 0) {
          continue;
        }
        double f = RougeL.fmeasure(lcs.lcs(q), q.length, x.length);
        if (f > best) {
          best = f;
          bestIndex = p;
        }
      }
    }
    return new Cand(item, true, bestIndex, bestIndex < 0 ? Double.NaN : best);
  }

  @FinishBundle
  public void finish(FinishBundleContext c) {
    flushAll(c, null);
  }
}
