package org.medinstruct.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlobTest {
  private static final List<String> KEYS =
      Arrays.asList(
          "0000000000000012345", // dedup's order key, "%019d"
          "0",
          "007",
          "9223372036854775807", // Long.MAX_VALUE: 19 digits that fit
          "9223372036854775808", // 19 digits that do not: written as text
          "00000000000000000000", // 20 digits: written as text
          "",
          null,
          "0001-000000001234-0003", // generate's task key
          "12a",
          "-12",
          "+12",
          "\u0663\u0664", // Arabic-Indic digits are not ASCII digits
          "\uff11\uff12", // full-width digits neither
          "Ĉu \u212A?");

  @Test
  void key_readsBackEveryStringExactly_andSkipsToTheSameNextValue() {
    Blob.Writer w = new Blob.Writer(16);
    for (String k : KEYS) {
      w.key(k).varint(42);
    }
    Blob.Reader read = new Blob.Reader(w.toBytes());
    Blob.Reader skip = new Blob.Reader(w.toBytes());
    for (String k : KEYS) {
      assertEquals(k, read.key(), "key " + k);
      assertEquals(42, read.varint());
      skip.skipKey();
      assertEquals(42, skip.varint(), "after skipping " + k);
    }
    assertFalse(read.more());
    assertFalse(skip.more());
  }

  @Test
  void key_ofAnOrderKey_takesAFifthOfItsText() {
    String key = String.format("%019d", 987_654L);
    int asText = new Blob.Writer(16).str(key).size();
    int asKey = new Blob.Writer(16).key(key).size();
    assertEquals(20, asText);
    assertTrue(asKey <= 4, "an order key below 2^21 takes " + asKey + " bytes");
  }

  @Test
  void digits_acceptsOnlyAsciiDigitStringsThatFitALong() {
    assertEquals(12345, Blob.Writer.digits("0000000000000012345"));
    assertEquals(Long.MAX_VALUE, Blob.Writer.digits("9223372036854775807"));
    assertEquals(-1, Blob.Writer.digits("9223372036854775808"));
    assertEquals(-1, Blob.Writer.digits(""));
    assertEquals(-1, Blob.Writer.digits("1 2"));
    assertEquals(-1, Blob.Writer.digits("\u0663"));
  }

  /**
   * A digit key whose value fits 58 bits packs into one long and back; the reader returns it packed
   * from what {@code key} wrote, and for any other key reads nothing, so {@code key} still reads
   * it.
   */
  @Test
  void packedKey_readsDigitKeysAsOneLong_andLeavesEveryOtherKeyToKey() {
    List<String> keys = new java.util.ArrayList<>(KEYS);
    keys.add("288230376151711743"); // 2^58 - 1: the largest value that packs
    keys.add("288230376151711744"); // 2^58: written packed by key, but too large to pack here
    Blob.Writer w = new Blob.Writer(16);
    for (String k : keys) {
      w.key(k).varint(42);
    }
    Blob.Reader r = new Blob.Reader(w.toBytes());
    for (String k : keys) {
      long packed = Blob.pack(k);
      boolean packs =
          k != null
              && !k.isEmpty()
              && k.chars().allMatch(c -> c >= '0' && c <= '9')
              && k.length() <= 19
              && new java.math.BigInteger(k).bitLength() <= 58;
      assertEquals(packs, packed >= 0, "key " + k);
      assertEquals(packed, r.packedKey(), "key " + k);
      if (packs) {
        assertEquals(k, Blob.unpack(packed));
        Blob.Writer one = new Blob.Writer(8);
        Blob.Writer other = new Blob.Writer(8);
        assertTrue(Arrays.equals(one.key(k).toBytes(), other.packedKey(packed).toBytes()), k);
      } else {
        assertEquals(k, r.key(), "key " + k);
      }
      assertEquals(42, r.varint());
    }
    assertFalse(r.more());
  }

  /** Packed keys compare as their strings do, of one length or of two. */
  @Test
  void comparePacked_ordersAsTheStrings() {
    java.util.Random rnd = new java.util.Random(3);
    for (int i = 0; i < 20000; i++) {
      String a = digits(rnd);
      String b = rnd.nextInt(4) == 0 ? a : digits(rnd);
      assertEquals(
          Integer.signum(a.compareTo(b)),
          Integer.signum(Blob.comparePacked(Blob.pack(a), Blob.pack(b))),
          a + " vs " + b);
    }
  }

  private static String digits(java.util.Random rnd) {
    int len = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 17);
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < len; k++) {
      b.append((char) ('0' + rnd.nextInt(rnd.nextBoolean() ? 2 : 10)));
    }
    return b.toString();
  }
}
