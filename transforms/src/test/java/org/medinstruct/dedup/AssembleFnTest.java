package org.medinstruct.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medinstruct.dedup.DistributedDedup.Item;

class AssembleFnTest {
  private static final List<String> POOL = List.of("p0", "p1", "p2");

  /** A digit key: 19 digits or as few as the value needs ("7" and "0…07" are different keys). */
  private static String key(Random rnd, int bound) {
    int v = rnd.nextInt(bound);
    return rnd.nextBoolean() ? String.format("%019d", v) : Integer.toString(v);
  }

  /**
   * Random candidates with halves on a coarse score grid (so that ties happen), partners before and
   * after them in key order, pool halves, and floors on and off: the node written straight from the
   * packed halves holds exactly the halves the general path keeps.
   */
  @Test
  void greedyNodeFromPackedHalves_holdsTheHalvesTheGeneralPathKeeps() {
    Random rnd = new Random(11);
    int compared = 0;
    for (int round = 0; round < 600; round++) {
      double floor = round % 3 == 0 ? 0.5 : round % 3 == 1 ? 0.75 : Double.POSITIVE_INFINITY;
      JoinSpec spec = new JoinSpec(DedupPolicy.GREEDY, 0.7, floor, true, 1, 0, 1, null);
      Resolution resolution = new Resolution(spec, POOL);
      String me = key(rnd, 300);
      PackedHalves packed = new PackedHalves();
      List<Half> all = new ArrayList<>();
      List<Half> pools = new ArrayList<>();
      Set<String> partners = new HashSet<>(Set.of(me));
      for (int i = 0, n = 1 + rnd.nextInt(25); i < n; i++) {
        String partner = key(rnd, 600);
        if (partners.add(partner)) {
          double f = 0.4 + rnd.nextInt(7) * 0.1;
          packed.add(Blob.pack(me), Blob.pack(partner), f);
          all.add(new Half(partner, false, -1, null, f));
        }
      }
      for (int p = 0; p < POOL.size(); p++) {
        if (rnd.nextDouble() < 0.3) {
          Half h = new Half(null, true, p, null, 0.4 + rnd.nextInt(7) * 0.1);
          pools.add(h);
          all.add(h);
        }
      }
      packed.group();
      Cand cand = new Cand(new Item(me, "text of " + me, null), true, rnd.nextInt(3), 0.5);
      Blob.Writer fast = new Blob.Writer(256);
      AssembleFn.writeGreedy(
          spec, fast, cand, "L", POOL, resolution.needed(me, pools), packed, packed.idOf(me));
      Blob.Writer general = new Blob.Writer(256);
      AssembleFn.withPoolTexts(cand, resolution.needed(me, all), "L", POOL).write(general);
      assertEquals(describe(general.toBytes()), describe(fast.toBytes()), "round " + round);
      compared++;
    }
    assertTrue(compared == 600);
  }

  /** A node's label, candidate and pool text, then its halves sorted (their order is free). */
  private static List<String> describe(byte[] bytes) {
    Blob.Reader r = new Blob.Reader(bytes);
    Node n = Node.read(r);
    assertTrue(!r.more(), "one node, read to its end");
    List<String> halves = new ArrayList<>();
    for (Half h : n.halves()) {
      halves.add(
          h.partner() + " " + h.pool() + " " + h.poolIndex() + " " + h.partnerText() + " " + h.f());
    }
    halves.sort(null);
    List<String> out =
        new ArrayList<>(List.of(n.label(), n.key(), String.valueOf(n.bestPoolText())));
    out.addAll(halves);
    return out;
  }
}
