package org.medinstruct.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinShardTest {
  private static final JoinSpec SPEC =
      new JoinSpec(DedupPolicy.GREEDY, 0.7, 2.0, true, 2000, 0, 64, null);

  /** A record with its memberships {element, bucket i, bucket j, own bucket, position}. */
  private static void posting(Blob.Writer w, String key, int[] elements, long[]... memberships) {
    new Rec(false, key, -1, elements, elements, null).write(w);
    w.varint(memberships.length);
    for (long[] m : memberships) {
      for (long v : m) {
        w.varint(v);
      }
    }
  }

  /**
   * Element 5 split into three buckets, one record in each, every bucket pair in this shard: each
   * record is a member of its bucket once although three of its pairs name it, and each of the
   * three pairs of identical records is verified under exactly one bucket pair.
   */
  @Test
  void givenARecordInSeveralBucketPairs_holdsItOnceAndVerifiesEachPairOnce() {
    int[] el = {5, 6, 7};
    Blob.Writer w = new Blob.Writer(256);
    posting(
        w,
        "a",
        el,
        new long[] {5, 0, 0, 0, 0},
        new long[] {5, 0, 1, 0, 0},
        new long[] {5, 0, 2, 0, 0});
    posting(
        w,
        "b",
        el,
        new long[] {5, 0, 1, 1, 0},
        new long[] {5, 1, 1, 1, 0},
        new long[] {5, 1, 2, 1, 0});
    posting(
        w,
        "c",
        el,
        new long[] {5, 0, 2, 2, 0},
        new long[] {5, 1, 2, 2, 0},
        new long[] {5, 2, 2, 2, 0});
    // A second batch, as a shard arrives: a record of another element, unsplit.
    Blob.Writer w2 = new Blob.Writer(64);
    posting(w2, "d", new int[] {9}, new long[] {9, 0, 0, 0, 0});
    JoinShard shard = JoinShard.read(List.of(w.toBytes(), w2.toBytes()));

    assertEquals(4, shard.recs.size());
    assertEquals(9, shard.maxId());
    // (0,0) 1, (0,1) 2, (0,2) 2, (1,1) 1, (1,2) 2, (2,2) 1, and d's key 1.
    assertEquals(10, shard.members());
    SubKeyJoin join = new SubKeyJoin(SPEC);
    join.ensureCapacity(shard.maxId());
    List<String> pairs = new ArrayList<>();
    List<Long> done = new ArrayList<>();
    shard.verify(join, (x, y, lcs, f) -> pairs.add(x.key() + y.key() + "@" + f), done::add);

    assertEquals(List.of("ab@1.0", "ac@1.0", "bc@1.0"), pairs.stream().sorted().toList());
    // Element 5's sub-keys in order, then element 9's.
    assertEquals(List.of(1L, 2L, 2L, 1L, 2L, 1L, 1L), done);
    assertEquals(3, join.takeVerified());
  }
}
