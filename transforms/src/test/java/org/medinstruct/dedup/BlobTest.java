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
}
