package org.medinstruct.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupedHalvesTest {
  @Test
  void fmeasure_isTheSameDoubleWhicheverRecordIsTheTarget() {
    for (int a = 1; a <= 160; a++) {
      for (int b = 1; b <= 160; b++) {
        for (int lcs = 0; lcs <= Math.min(a, b); lcs++) {
          assertEquals(
              Double.doubleToRawLongBits(RougeL.fmeasure(lcs, a, b)),
              Double.doubleToRawLongBits(RougeL.fmeasure(lcs, b, a)),
              lcs + " of " + a + " and " + b);
        }
      }
    }
  }

  private static Rec rec(int key, int tokens) {
    return new Rec(false, String.format("%019d", key), -1, new int[tokens], new int[tokens], null);
  }

  @Test
  void writtenGroups_readBackEveryHalfWithTheJoinsExactScore() {
    Random rnd = new Random(7);
    List<Rec> recs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Rec r = rec(rnd.nextInt(1_000_000), 1 + rnd.nextInt(120));
      r.slot = i;
      recs.add(r);
    }
    GroupedHalves grouped = new GroupedHalves();
    List<String> expected = new ArrayList<>();
    for (int n = 0; n < 3000; n++) {
      Rec x = recs.get(rnd.nextInt(recs.size()));
      Rec y = recs.get(rnd.nextInt(recs.size()));
      int lcs = rnd.nextInt(Math.min(x.elements.length, y.elements.length) + 1);
      // What SubKeyJoin computes for the pair (x scanned, y its partner), then both halves.
      double f = RougeL.fmeasure(lcs, y.elements.length, x.elements.length);
      grouped.add(x.slot, y.packedKey, lcs, y.elements.length);
      grouped.add(y.slot, x.packedKey, lcs, x.elements.length);
      expected.add(x.key() + "<-" + y.key() + "@" + Double.doubleToRawLongBits(f));
      expected.add(y.key() + "<-" + x.key() + "@" + Double.doubleToRawLongBits(f));
    }
    Blob.Writer w = new Blob.Writer(1024);
    int[] groups = {0};
    grouped.drain(
        recs.size(),
        (slot, order, from, to) -> {
          grouped.write(w, recs.get(slot), order, from, to);
          groups[0]++;
        });
    assertEquals(0, grouped.size());
    List<String> actual = new ArrayList<>();
    Blob.Reader r = new Blob.Reader(w.toBytes());
    while (r.more()) {
      assertEquals(Node.PART_HALVES, r.varint());
      GroupedHalves.read(
          r,
          (me, partner, f) ->
              actual.add(
                  Blob.unpack(me)
                      + "<-"
                      + Blob.unpack(partner)
                      + "@"
                      + Double.doubleToRawLongBits(f)));
    }
    assertEquals(recs.size(), groups[0]);
    expected.sort(null);
    actual.sort(null);
    assertEquals(expected, actual);
    // About 6 bytes a half (a 19-digit key packs to 4), against 19 for a Half with its double.
    assertEquals(true, w.size() < 8 * expected.size(), w.size() + " bytes");
  }
}
