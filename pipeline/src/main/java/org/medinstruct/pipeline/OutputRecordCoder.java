package org.medinstruct.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A deterministic, compact coder for {@link OutputRecord}: its three strings, length-prefixed UTF-8
 * (Java serialization adds the class descriptor to every record and costs several times more to
 * encode and decode; measured by OutputRecordCoderBenchmark).
 */
public final class OutputRecordCoder extends AtomicCoder<OutputRecord> {
  private static final OutputRecordCoder INSTANCE = new OutputRecordCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();

  private OutputRecordCoder() {}

  public static OutputRecordCoder of() {
    return INSTANCE;
  }

  /** How {@code @DefaultCoder} on {@link OutputRecord} finds this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(OutputRecord.class), INSTANCE);
  }

  @Override
  public void encode(OutputRecord r, OutputStream out) throws IOException {
    if (r == null || r.kind() == null || r.sortKey() == null || r.json() == null) {
      throw new CoderException("cannot encode an OutputRecord with a null field: " + r);
    }
    STRING.encode(r.kind(), out);
    STRING.encode(r.sortKey(), out);
    STRING.encode(r.json(), out);
  }

  @Override
  public OutputRecord decode(InputStream in) throws IOException {
    return new OutputRecord(STRING.decode(in), STRING.decode(in), STRING.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
