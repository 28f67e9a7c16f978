package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Per shard of candidates: joins each candidate with its halves and label, and sends the node to
 * the shard of its component. A candidate without a label (no edge above the threshold to another
 * candidate) stays on this shard as a node without a label, which {@link ResolveFn} decides on its
 * own. One output: Beam's Flink batch translation hands every output of a multi-output DoFn the
 * whole union stream, so a second output (the lonely decisions) wrote all the nodes twice.
 */
final class AssembleFn extends DoFn<KV<Integer, Iterable<byte[]>>, KV<Integer, byte[]>> {
  private final JoinSpec spec;
  private final PCollectionView<List<String>> poolTexts;

  AssembleFn(JoinSpec spec, PCollectionView<List<String>> poolTexts) {
    this.spec = spec;
    this.poolTexts = poolTexts;
  }

  /**
   * The parts of one shard's candidates: half edges whose two keys pack and that carry no text in
   * {@code packed}, the others in {@code halves}.
   */
  private record Parts(
      Map<String, Cand> cands,
      Map<String, List<Half>> halves,
      PackedHalves packed,
      Map<String, String> labels) {
    static Parts read(Iterable<byte[]> batches) {
      Parts parts =
          new Parts(new HashMap<>(), new HashMap<>(), new PackedHalves(), new HashMap<>());
      for (byte[] b : batches) {
        Blob.Reader r = new Blob.Reader(b);
        while (r.more()) {
          int part = r.varint();
          if (part == Node.PART_CAND) {
            Cand cand = Cand.read(r);
            if (parts.cands.put(cand.item().key(), cand) != null) {
              throw new IllegalStateException(
                  "candidate key '" + cand.item().key() + "' must be unique");
            }
          } else if (part == Node.PART_HALVES) {
            GroupedHalves.read(r, parts.packed::add);
          } else if (part == Node.PART_HALF) {
            if (!readPacked(r, parts.packed)) {
              String me = r.key();
              parts.halves.computeIfAbsent(me, k -> new ArrayList<>()).add(Half.read(r));
            }
          } else {
            parts.labels.put(r.str(), r.str());
          }
        }
      }
      parts.packed.group();
      for (String key : parts.halves.keySet()) {
        if (!parts.cands.containsKey(key)) {
          throw new IllegalStateException("edge of unknown candidate '" + key + "'");
        }
      }
      for (int id = 0; id < parts.packed.candidates(); id++) {
        String key = Blob.unpack(parts.packed.key(id));
        if (!parts.cands.containsKey(key)) {
          throw new IllegalStateException("edge of unknown candidate '" + key + "'");
        }
      }
      return parts;
    }

    /**
     * Reads a half into {@code packed} when both its keys pack and it carries no text; else reads
     * nothing and returns false.
     */
    private static boolean readPacked(Blob.Reader r, PackedHalves packed) {
      int at = r.position();
      long me = r.packedKey();
      long partner = me < 0 ? -1 : Half.readPackedPartner(r);
      if (partner >= 0) {
        packed.add(me, partner, r.f64());
        return true;
      }
      r.seek(at);
      return false;
    }
  }

  /**
   * The node with the pool texts its decision may report (its at most two pool halves and its
   * scanned nearest pool item), so that {@link ResolveFn} needs no side input: Flink then chains it
   * to the GroupByKey before it, and a component's group reaches it as a stream instead of one
   * serialized record (which a dense corpus's giant component outgrew).
   */
  static Node withPoolTexts(Cand cand, List<Half> hs, String label, List<String> pool) {
    List<Half> out = new ArrayList<>(hs.size());
    for (Half h : hs) {
      out.add(h.pool() ? new Half(null, true, h.poolIndex(), pool.get(h.poolIndex()), h.f()) : h);
    }
    String best = cand.poolScanned() && cand.bestPool() >= 0 ? pool.get(cand.bestPool()) : null;
    return new Node(cand, out, label, best);
  }

  private static boolean onlyPool(List<Half> halves) {
    for (Half h : halves) {
      if (!h.pool()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes the node {@code withPoolTexts(cand, resolution.needed(...), label, pool)} would write
   * under GREEDY, straight from the packed halves of candidate {@code id}: every half to an earlier
   * partner above the threshold, then the nearest candidate at or above the floor if it is not one
   * of them, then {@code poolNeeded} (what {@link Resolution#needed} keeps of the pool halves). The
   * resolution does not depend on the order of a node's halves.
   */
  static void writeGreedy(
      JoinSpec spec,
      Blob.Writer w,
      Cand cand,
      String label,
      List<String> pool,
      List<Half> poolNeeded,
      PackedHalves packed,
      int id) {
    long me = packed.key(id);
    int knockers = 0;
    int nearest = -1;
    for (int k = packed.from(id); k < packed.to(id); k++) {
      double f = packed.score(k);
      if (canKnock(spec, packed, k, me)) {
        knockers++;
      }
      if (f >= spec.floor
          && (nearest < 0
              || f > packed.score(nearest)
              || (f == packed.score(nearest)
                  && Blob.comparePacked(packed.partner(k), packed.partner(nearest)) < 0))) {
        nearest = k;
      }
    }
    boolean nearestExtra = nearest >= 0 && !canKnock(spec, packed, nearest, me);
    Node node = withPoolTexts(cand, poolNeeded, label, pool);
    Node.writeHead(
        w, label, cand, node.bestPoolText(), knockers + (nearestExtra ? 1 : 0) + poolNeeded.size());
    for (int k = packed.from(id); k < packed.to(id); k++) {
      if (canKnock(spec, packed, k, me)) {
        Half.writeCandidate(w, packed.partner(k), packed.score(k));
      }
    }
    if (nearestExtra) {
      Half.writeCandidate(w, packed.partner(nearest), packed.score(nearest));
    }
    for (Half h : node.halves()) {
      h.write(w, null);
    }
  }

  /** Whether half k can knock {@code me} out under GREEDY: an earlier partner above threshold. */
  private static boolean canKnock(JoinSpec spec, PackedHalves packed, int k, long me) {
    return packed.score(k) > spec.threshold && Blob.comparePacked(packed.partner(k), me) < 0;
  }

  @ProcessElement
  public void process(ProcessContext c) {
    Parts parts = Parts.read(c.element().getValue());
    List<String> pool = spec.poolList(c.sideInput(poolTexts));
    Resolution resolution = new Resolution(spec, pool);
    int here = c.element().getKey();
    ShardBatches w = new ShardBatches(spec.shards);
    BiConsumer<Integer, byte[]> emit = (s, bytes) -> c.output(KV.of(s, bytes));
    for (Cand cand : parts.cands().values()) {
      String key = cand.item().key();
      List<Half> others = parts.halves().getOrDefault(key, List.of());
      String label = parts.labels().get(key);
      int id = parts.packed().idOf(key);
      if (id >= 0 && label != null && spec.policy == DedupPolicy.GREEDY && onlyPool(others)) {
        int s = spec.shardOf(label);
        writeGreedy(
            spec, w.get(s), cand, label, pool, resolution.needed(key, others), parts.packed(), id);
        w.cut(s, emit);
        continue;
      }
      List<Half> hs = resolution.needed(key, id < 0 ? others : parts.packed().halves(id, others));
      int s = label == null ? here : spec.shardOf(label);
      withPoolTexts(cand, hs, label, pool).write(w.get(s));
      // A giant component's nodes all go to one shard: one array of them outgrew the heap.
      w.cut(s, emit);
    }
    w.drain(emit);
  }
}
