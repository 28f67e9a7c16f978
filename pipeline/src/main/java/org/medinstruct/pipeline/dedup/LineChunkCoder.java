package org.medinstruct.pipeline.dedup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.medinstruct.model.CoderFields;

/**
 * Compact, deterministic coder of {@link LineChunk}: the line count, then per line its number, raw
 * text and instruction (texts may be null).
 */
public final class LineChunkCoder extends AtomicCoder<LineChunk> {
  private static final LineChunkCoder INSTANCE = new LineChunkCoder();

  private LineChunkCoder() {}

  public static LineChunkCoder of() {
    return INSTANCE;
  }

  /** How {@code @DefaultCoder} on {@link LineChunk} finds this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(LineChunk.class), INSTANCE);
  }

  @Override
  public void encode(LineChunk c, OutputStream out) throws IOException {
    if (c == null
        || c.numbers() == null
        || c.raw() == null
        || c.instructions() == null
        || c.raw().length != c.numbers().length
        || c.instructions().length != c.numbers().length) {
      throw new CoderException("cannot encode a LineChunk without three arrays of one length");
    }
    int n = c.numbers().length;
    CoderFields.i32(n, out);
    for (int i = 0; i < n; i++) {
      CoderFields.i64(c.numbers()[i], out);
      CoderFields.str(c.raw()[i], out);
      CoderFields.str(c.instructions()[i], out);
    }
  }

  @Override
  public LineChunk decode(InputStream in) throws IOException {
    int n = CoderFields.i32(in);
    if (n < 0) {
      throw new CoderException("negative LineChunk length " + n);
    }
    long[] numbers = new long[n];
    String[] raw = new String[n];
    String[] instructions = new String[n];
    for (int i = 0; i < n; i++) {
      numbers[i] = CoderFields.i64(in);
      raw[i] = CoderFields.str(in);
      instructions[i] = CoderFields.str(in);
    }
    return new LineChunk(numbers, raw, instructions);
  }

  @Override
  public void verifyDeterministic() {}
}
