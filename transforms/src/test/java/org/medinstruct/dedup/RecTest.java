package org.medinstruct.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RecTest {
  /** Digit keys of mixed lengths ("7" and "0…07" differ), and keys that do not pack. */
  private static String key(Random rnd) {
    int v = rnd.nextInt(1000);
    return switch (rnd.nextInt(3)) {
      case 0 -> String.format("%019d", v);
      case 1 -> Integer.toString(v);
      default -> "task-" + v;
    };
  }

  private static Rec rec(String key) {
    return new Rec(false, key, -1, new int[] {3, 1}, new int[] {1, 3}, null);
  }

  @Test
  void readBack_keepsTheKeyAndComparesKeysAsTheirStrings() {
    Random rnd = new Random(5);
    for (int i = 0; i < 5000; i++) {
      String a = key(rnd);
      String b = key(rnd);
      Blob.Writer w = new Blob.Writer(64);
      rec(a).write(w);
      rec(b).write(w);
      Blob.Reader r = new Blob.Reader(w.toBytes());
      Rec ra = Rec.read(r);
      Rec rb = Rec.read(r);
      assertEquals(a, ra.key());
      assertEquals(b, rb.key());
      assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(ra.compareKey(rb)), a + " " + b);
    }
  }

  @Test
  void halfOfTwoPackedKeys_isWrittenAsTheGeneralHalfWritesIt() {
    Random rnd = new Random(6);
    for (int i = 0; i < 5000; i++) {
      String me = key(rnd);
      String partner = key(rnd);
      if (Blob.pack(me) < 0 || Blob.pack(partner) < 0) {
        continue;
      }
      double f = rnd.nextDouble();
      Blob.Writer general = new Blob.Writer(64);
      new Half(partner, false, -1, null, f).write(general, me);
      Blob.Writer packed = new Blob.Writer(64);
      Half.writePacked(packed, Blob.pack(me), Blob.pack(partner), f);
      assertArrayEquals(general.toBytes(), packed.toBytes(), me + " " + partner);
    }
  }
}
