package org.medinstruct.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Compact, deterministic coder of {@link Failure}; strings and the kind may be null. */
public final class FailureCoder extends AtomicCoder<Failure> {
  private static final FailureCoder INSTANCE = new FailureCoder();

  private FailureCoder() {}

  public static FailureCoder of() {
    return INSTANCE;
  }

  /** How {@code @DefaultCoder} on {@link Failure} finds this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(Failure.class), INSTANCE);
  }

  @Override
  public void encode(Failure f, OutputStream out) throws IOException {
    if (f == null) {
      throw new CoderException("cannot encode a null Failure");
    }
    CoderFields.str(f.stage(), out);
    CoderFields.str(f.element(), out);
    CoderFields.str(f.error(), out);
    CoderFields.bool(f.retryable(), out);
    CoderFields.i32(f.status(), out);
    CoderFields.i32(f.attempts(), out);
    CoderFields.enumName(f.kind(), out);
  }

  @Override
  public Failure decode(InputStream in) throws IOException {
    return new Failure(
        CoderFields.str(in),
        CoderFields.str(in),
        CoderFields.str(in),
        CoderFields.bool(in),
        CoderFields.i32(in),
        CoderFields.i32(in),
        CoderFields.enumName(FailureKind.class, in));
  }

  @Override
  public void verifyDeterministic() {}
}
