package org.medinstruct.dedup;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A compact byte encoding for what the distributed join shuffles: unsigned varints, doubles and
 * UTF-8 strings appended to one growing array. Many records travel as one blob, so a shuffle moves
 * a few large byte arrays (cheap to copy and to encode) instead of many small objects.
 */
final class Blob {
  private Blob() {}

  /** {@link Long#MAX_VALUE} in digits: the largest 19-digit key {@link Writer#key} packs. */
  private static final String MAX_DIGITS = Long.toString(Long.MAX_VALUE);

  /** Bits of a packed key's value; its length (at most 19) takes the 5 bits above them. */
  static final int PACKED_VALUE_BITS = 58;

  /**
   * A key of 1-19 ASCII digits whose value fits {@link #PACKED_VALUE_BITS} bits as one long: its
   * length above its value, so two packed keys are equal exactly when their strings are, and two of
   * the same length compare as their strings do. Else -1 (null, text, or a value too large).
   */
  static long pack(String key) {
    long v = key == null ? -1 : Writer.digits(key);
    return v < 0 || v >>> PACKED_VALUE_BITS != 0
        ? -1
        : ((long) key.length() << PACKED_VALUE_BITS) | v;
  }

  /** Compares two packed keys as their strings compare. */
  static int comparePacked(long a, long b) {
    return a >>> PACKED_VALUE_BITS == b >>> PACKED_VALUE_BITS
        ? Long.compare(a, b)
        : unpack(a).compareTo(unpack(b));
  }

  /** The key that {@link #pack} packed into {@code packed}. */
  static String unpack(long packed) {
    return digitString(
        (int) (packed >>> PACKED_VALUE_BITS), packed & ((1L << PACKED_VALUE_BITS) - 1));
  }

  /** Value {@code v} in {@code len} digits, padded with zeros (no long division below 2^31). */
  static String digitString(int len, long v) {
    byte[] d = new byte[len];
    int i = len - 1;
    for (; v > Integer.MAX_VALUE; i--) {
      d[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    for (int u = (int) v; u != 0; i--) {
      d[i] = (byte) ('0' + u % 10);
      u /= 10;
    }
    Arrays.fill(d, 0, i + 1, (byte) '0');
    return new String(d, StandardCharsets.ISO_8859_1);
  }

  /** Appends values; {@link #size()} tells when to cut a batch. */
  static final class Writer {
    private byte[] buf;
    private int n;

    Writer(int capacity) {
      buf = new byte[Math.max(16, capacity)];
    }

    int size() {
      return n;
    }

    private void ensure(int more) {
      if (n + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
      }
    }

    Writer varint(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[n++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[n++] = (byte) v;
      return this;
    }

    Writer bool(boolean b) {
      ensure(1);
      buf[n++] = (byte) (b ? 1 : 0);
      return this;
    }

    Writer f64(double d) {
      ensure(8);
      long v = Double.doubleToRawLongBits(d);
      for (int i = 0; i < 8; i++) {
        buf[n++] = (byte) (v >>> (8 * i));
      }
      return this;
    }

    /** A nullable string. */
    Writer str(String s) {
      if (s == null) {
        return varint(0);
      }
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varint(b.length + 1L);
      return raw(b);
    }

    /**
     * A nullable record key: 1-19 ASCII digits (an order key such as {@code "%019d"}) as its length
     * and value, about 4 bytes instead of 20; any other string as UTF-8. A dense join shuffles
     * hundreds of millions of half edges, each with two keys.
     */
    Writer key(String s) {
      if (s == null) {
        return varint(0);
      }
      long v = digits(s);
      if (v >= 0) {
        return varint(((long) s.length() << 1) | 1).varint(v);
      }
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varint((b.length + 1L) << 1);
      return raw(b);
    }

    /** Writes the key {@link Blob#pack} packed into {@code packed}, as {@link #key} writes it. */
    Writer packedKey(long packed) {
      return varint(((packed >>> PACKED_VALUE_BITS) << 1) | 1)
          .varint(packed & ((1L << PACKED_VALUE_BITS) - 1));
    }

    /**
     * The value of a string of 1-19 ASCII digits that fits a long, else -1 (no division: it runs
     * twice per half edge).
     */
    static long digits(String s) {
      int len = s.length();
      if (len == 0 || len > 19 || (len == 19 && s.compareTo(MAX_DIGITS) > 0)) {
        return -1;
      }
      long v = 0;
      for (int i = 0; i < len; i++) {
        int d = s.charAt(i) - '0';
        if (d < 0 || d > 9) {
          return -1;
        }
        v = v * 10 + d;
      }
      return v;
    }

    /** A nullable byte array. */
    Writer bytes(byte[] b) {
      if (b == null) {
        return varint(0);
      }
      varint(b.length + 1L);
      return raw(b);
    }

    Writer raw(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
      return this;
    }

    /** Non-negative ints. */
    Writer ints(int[] a) {
      varint(a.length);
      for (int x : a) {
        varint(x);
      }
      return this;
    }

    /** Ascending non-negative ints, as deltas. */
    Writer sortedInts(int[] a) {
      varint(a.length);
      int prev = 0;
      for (int x : a) {
        varint(x - prev);
        prev = x;
      }
      return this;
    }

    byte[] toBytes() {
      return Arrays.copyOf(buf, n);
    }

    void reset() {
      n = 0;
    }
  }

  /** Reads what a {@link Writer} wrote, in the same order. */
  static final class Reader {
    private final byte[] buf;
    private int p;

    Reader(byte[] buf) {
      this.buf = buf;
    }

    boolean more() {
      return p < buf.length;
    }

    /** Where the next read starts in the array this reader reads. */
    int position() {
      return p;
    }

    void skip(int n) {
      p += n;
    }

    /** Skips what {@link #str} would read. */
    void skipStr() {
      int len = varint();
      if (len > 0) {
        p += len - 1;
      }
    }

    /** What {@link Writer#key} wrote: digits padded with zeros to their length, or the string. */
    String key() {
      long h = varlong();
      if (h == 0) {
        return null;
      }
      if ((h & 1) != 0) {
        return digitString((int) (h >>> 1), varlong());
      }
      int len = (int) (h >>> 1) - 1;
      String s = new String(buf, p, len, StandardCharsets.UTF_8);
      p += len;
      return s;
    }

    /**
     * What {@link Writer#key} wrote, as {@link #pack} packs it, when it is a key of digits whose
     * value fits {@link #PACKED_VALUE_BITS} bits; else -1, with nothing read.
     */
    long packedKey() {
      int start = p;
      long h = varlong();
      if ((h & 1) != 0) {
        long v = varlong();
        if (v >>> PACKED_VALUE_BITS == 0) {
          return ((h >>> 1) << PACKED_VALUE_BITS) | v;
        }
      }
      p = start;
      return -1;
    }

    /** Whether the next {@link #str} is null; if so it is read. */
    boolean nullStr() {
      if (buf[p] == 0) {
        p++;
        return true;
      }
      return false;
    }

    /** Moves back (or on) to a {@link #position}. */
    void seek(int position) {
      p = position;
    }

    /** Skips what {@link #key} would read. */
    void skipKey() {
      long h = varlong();
      if ((h & 1) != 0) {
        varlong();
      } else if (h != 0) {
        p += (int) (h >>> 1) - 1;
      }
    }

    long varlong() {
      long v = 0;
      int shift = 0;
      while (true) {
        byte b = buf[p++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
        shift += 7;
      }
    }

    int varint() {
      return (int) varlong();
    }

    boolean bool() {
      return buf[p++] != 0;
    }

    double f64() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v |= (buf[p++] & 0xFFL) << (8 * i);
      }
      return Double.longBitsToDouble(v);
    }

    String str() {
      int len = varint();
      if (len == 0) {
        return null;
      }
      String s = new String(buf, p, len - 1, StandardCharsets.UTF_8);
      p += len - 1;
      return s;
    }

    byte[] bytes() {
      int len = varint();
      if (len == 0) {
        return null;
      }
      byte[] b = Arrays.copyOfRange(buf, p, p + len - 1);
      p += len - 1;
      return b;
    }

    int[] ints() {
      int[] a = new int[varint()];
      for (int i = 0; i < a.length; i++) {
        a[i] = varint();
      }
      return a;
    }

    int[] sortedInts() {
      int[] a = new int[varint()];
      int prev = 0;
      for (int i = 0; i < a.length; i++) {
        prev += varint();
        a[i] = prev;
      }
      return a;
    }
  }
}
