package org.medinstruct.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.medinstruct.dedup.DistributedDedup.Decision;
import org.medinstruct.dedup.DistributedDedup.Item;

class ResolutionTest {
  private static final List<String> POOL = List.of("p0", "p1", "p2", "p3");

  private static Resolution resolution(DedupPolicy policy, double floor) {
    return new Resolution(new JoinSpec(policy, 0.7, floor, true, 1, 0, 1, null), POOL);
  }

  private static Half cand(String partner, double f) {
    return new Half(partner, false, -1, null, f);
  }

  private static Half pool(int index, double f) {
    return new Half(null, true, index, null, f);
  }

  @Test
  void greedyWithoutFloor_keepsEarlierKnockersAndOnlyTheBestPoolEdges() {
    List<Half> halves =
        List.of(
            cand("03", 0.8),
            cand("07", 0.9), // later partner: it can never knock "05" out
            cand("02", 0.75),
            cand("01", 0.6), // below the threshold
            pool(3, 0.8),
            pool(1, 0.8), // same score, lower index: the pool knocker
            pool(2, 0.3));
    List<Half> needed =
        resolution(DedupPolicy.GREEDY, Double.POSITIVE_INFINITY).needed("05", halves);
    assertEquals(Set.of(cand("03", 0.8), cand("02", 0.75), pool(1, 0.8)), Set.copyOf(needed));
    assertEquals(3, needed.size());
  }

  @Test
  void withAFloor_keepsTheNearestCandidateOfAnyOrder() {
    List<Half> halves = List.of(cand("07", 0.9), cand("08", 0.65), cand("01", 0.6));
    List<Half> needed = resolution(DedupPolicy.GREEDY, 0.5).needed("05", halves);
    assertEquals(List.of(cand("07", 0.9)), needed);
  }

  @Test
  void dropAll_keepsOnlyTheBestKnocker() {
    List<Half> halves = List.of(cand("07", 0.9), cand("03", 0.8), cand("09", 0.95));
    assertEquals(
        List.of(cand("09", 0.95)),
        resolution(DedupPolicy.DROP_ALL, Double.POSITIVE_INFINITY).needed("05", halves));
  }

  /** Random dense components, scores on a coarse grid so that ties happen. */
  @Test
  void resolvingWithTheNeededHalves_decidesExactlyAsWithAllHalves() {
    Random rnd = new Random(5);
    int compared = 0;
    for (int round = 0; round < 300; round++) {
      DedupPolicy policy = DedupPolicy.values()[round % 2];
      double floor = round % 3 == 0 ? 0.5 : Double.POSITIVE_INFINITY;
      Resolution r = resolution(policy, floor);
      int n = 2 + rnd.nextInt(30);
      Map<String, List<Half>> halves = new HashMap<>();
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        keys.add(String.format("%03d", i));
        halves.put(keys.get(i), new ArrayList<>());
      }
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (rnd.nextDouble() < 0.5) {
            double f = 0.4 + rnd.nextInt(7) * 0.1;
            halves.get(keys.get(i)).add(cand(keys.get(j), f));
            halves.get(keys.get(j)).add(cand(keys.get(i), f));
          }
        }
        for (int p = 0; p < POOL.size(); p++) {
          if (rnd.nextDouble() < 0.2) {
            halves.get(keys.get(i)).add(pool(p, 0.4 + rnd.nextInt(7) * 0.1));
          }
        }
      }
      List<Node> all = new ArrayList<>();
      List<Node> pruned = new ArrayList<>();
      for (String k : keys) {
        Cand c = new Cand(new Item(k, "text " + k, null), false, -1, Double.NaN);
        all.add(new Node(c, halves.get(k), keys.get(0)));
        pruned.add(new Node(c, r.needed(k, halves.get(k)), keys.get(0)));
        assertTrue(pruned.get(pruned.size() - 1).halves().size() <= halves.get(k).size());
      }
      List<Decision> expected = new ArrayList<>();
      List<Decision> actual = new ArrayList<>();
      r.resolve(all, expected::add);
      r.resolve(pruned, actual::add);
      assertEquals(describe(expected), describe(actual), "round " + round);
      compared += expected.size();
    }
    assertTrue(compared > 3000);
  }

  /**
   * A shard of random components, its nodes shuffled over several batches: resolved from memory and
   * from a spill file (a memory limit of 0 bytes), it decides exactly as each component's nodes
   * resolved in key order from the heap.
   */
  @Test
  void aShardSpilledToDisk_decidesExactlyAsFromTheHeap() {
    decidesAsFromTheHeap((c, i) -> String.format("c%02d-%03d", c, i), i -> "zz" + i);
  }

  /**
   * Digit keys, which the resolution looks up by packed value: of one length (the {@code dedup}
   * command's line numbers), of mixed lengths ("7" and "07" are different keys), and of one length
   * but far apart (no array by value). A partner outside the shard has a digit key too.
   */
  @Test
  void digitKeys_ofOneLengthMixedLengthsOrFarApart_decideAsFromTheHeap() {
    decidesAsFromTheHeap(
        (c, i) -> String.format("%019d", c * 100 + i), i -> String.format("%019d", 9000 + i));
    decidesAsFromTheHeap((c, i) -> Integer.toString(c * 100 + i), i -> String.format("%05d", i));
    decidesAsFromTheHeap(
        (c, i) -> String.format("%019d", (c * 100L + i) * 1_000_000_000L),
        i -> Integer.toString(i));
  }

  private static void decidesAsFromTheHeap(
      java.util.function.BiFunction<Integer, Integer, String> keyOf,
      java.util.function.IntFunction<String> farKey) {
    Random rnd = new Random(9);
    Resolution r = resolution(DedupPolicy.GREEDY, 0.5);
    List<Node> nodes = new ArrayList<>();
    List<Decision> expected = new ArrayList<>();
    for (int component = 0; component < 20; component++) {
      int n = 1 + rnd.nextInt(40);
      List<String> keys = new ArrayList<>();
      Map<String, List<Half>> halves = new HashMap<>();
      for (int i = 0; i < n; i++) {
        keys.add(keyOf.apply(component, i));
        halves.put(keys.get(i), new ArrayList<>());
      }
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (rnd.nextDouble() < 0.4) {
            double f = 0.4 + rnd.nextInt(7) * 0.1;
            halves.get(keys.get(i)).add(cand(keys.get(j), f));
            halves.get(keys.get(j)).add(cand(keys.get(i), f));
          }
        }
        if (rnd.nextDouble() < 0.3) { // with its text, as AssembleFn sends it
          int p = rnd.nextInt(POOL.size());
          halves.get(keys.get(i)).add(new Half(null, true, p, POOL.get(p), 0.75));
        }
        if (rnd.nextDouble() < 0.2) { // a partner outside the shard, known by its text
          halves.get(keys.get(i)).add(new Half(farKey.apply(i), false, -1, "far " + i, 0.55));
        }
        if (rnd.nextDouble() < 0.2) { // a partner outside the shard, without its text
          halves.get(keys.get(i)).add(cand(farKey.apply(i + 50), 0.9));
        }
      }
      java.util.Collections.sort(keys); // the resolution's order
      List<Node> component0 = new ArrayList<>();
      for (String k : keys) {
        Cand c = new Cand(new Item(k, "text of " + k, null), false, -1, Double.NaN);
        component0.add(new Node(c, halves.get(k), keys.get(0)));
      }
      r.resolve(component0, expected::add);
      nodes.addAll(component0);
    }
    java.util.Collections.shuffle(nodes, rnd);
    List<byte[]> batches = new ArrayList<>();
    for (int from = 0; from < nodes.size(); from += 37) {
      Blob.Writer w = new Blob.Writer(1024);
      for (Node n : nodes.subList(from, Math.min(nodes.size(), from + 37))) {
        n.write(w);
      }
      batches.add(w.toBytes());
    }
    for (long limit : new long[] {0, Long.MAX_VALUE}) {
      List<Decision> actual = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      // Without the pool, as ResolveFn runs: the halves carry the pool texts.
      Resolution withoutPool =
          new Resolution(
              new JoinSpec(DedupPolicy.GREEDY, 0.7, 0.5, true, 1, 0, 1, null), List.of());
      long spilled = ResolveFn.resolveShard(batches, withoutPool, limit, actual::add, sizes::add);
      assertEquals(limit == 0, spilled > 0, "limit " + limit);
      assertEquals(nodes.size(), sizes.stream().mapToInt(Integer::intValue).sum());
      assertEquals(sorted(describe(expected)), sorted(describe(actual)), "limit " + limit);
    }
  }

  private static List<String> sorted(List<String> lines) {
    List<String> s = new ArrayList<>(lines);
    java.util.Collections.sort(s);
    return s;
  }

  private static List<String> describe(List<Decision> ds) {
    return ds.stream()
        .map(
            d ->
                d.item().key()
                    + " "
                    + d.kept()
                    + " "
                    + d.nearest()
                    + " "
                    + d.nearestScore()
                    + " "
                    + d.nearestPool()
                    + " "
                    + d.nearestPoolScore())
        .collect(Collectors.toList());
  }
}
