package org.medinstruct.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * The field encodings the project's record coders share: nullable UTF-8 strings, varints, doubles
 * (their IEEE bits), booleans, nullable string lists and nullable enums (by name, so reordering an
 * enum does not change what an encoded value means). Every encoding is deterministic: equal values
 * give equal bytes, which is what a GroupByKey key needs.
 */
public final class CoderFields {
  private static final NullableCoder<String> STRING = NullableCoder.of(StringUtf8Coder.of());
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final DoubleCoder DOUBLE = DoubleCoder.of();
  private static final BooleanCoder BOOLEAN = BooleanCoder.of();

  private CoderFields() {}

  public static void str(String s, OutputStream out) throws IOException {
    STRING.encode(s, out);
  }

  public static String str(InputStream in) throws IOException {
    return STRING.decode(in);
  }

  public static void i32(int v, OutputStream out) throws IOException {
    INT.encode(v, out);
  }

  public static int i32(InputStream in) throws IOException {
    return INT.decode(in);
  }

  /** A long; small non-negative values (and -1, written as 0) take one byte. */
  public static void i64(long v, OutputStream out) throws IOException {
    LONG.encode(v + 1, out);
  }

  public static long i64(InputStream in) throws IOException {
    return LONG.decode(in) - 1;
  }

  public static void f64(double v, OutputStream out) throws IOException {
    DOUBLE.encode(v, out);
  }

  public static double f64(InputStream in) throws IOException {
    return DOUBLE.decode(in);
  }

  public static void bool(boolean v, OutputStream out) throws IOException {
    BOOLEAN.encode(v, out);
  }

  public static boolean bool(InputStream in) throws IOException {
    return BOOLEAN.decode(in);
  }

  /** A nullable list of nullable strings; decodes to an unmodifiable list. */
  public static void strings(List<String> list, OutputStream out) throws IOException {
    if (list == null) {
      INT.encode(-1, out);
      return;
    }
    INT.encode(list.size(), out);
    for (String s : list) {
      STRING.encode(s, out);
    }
  }

  public static List<String> strings(InputStream in) throws IOException {
    int n = INT.decode(in);
    if (n < 0) {
      return null;
    }
    List<String> list = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      list.add(STRING.decode(in));
    }
    return Collections.unmodifiableList(list);
  }

  /** A nullable enum constant, by name. */
  public static void enumName(Enum<?> e, OutputStream out) throws IOException {
    STRING.encode(e == null ? null : e.name(), out);
  }

  public static <E extends Enum<E>> E enumName(Class<E> type, InputStream in) throws IOException {
    String name = STRING.decode(in);
    return name == null ? null : Enum.valueOf(type, name);
  }
}
