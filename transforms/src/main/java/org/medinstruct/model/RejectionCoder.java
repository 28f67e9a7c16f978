package org.medinstruct.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Compact, deterministic coder of {@link Rejection}; its four strings may be null. */
public final class RejectionCoder extends AtomicCoder<Rejection> {
  private static final RejectionCoder INSTANCE = new RejectionCoder();

  private RejectionCoder() {}

  public static RejectionCoder of() {
    return INSTANCE;
  }

  /** How {@code @DefaultCoder} on {@link Rejection} finds this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(Rejection.class), INSTANCE);
  }

  @Override
  public void encode(Rejection r, OutputStream out) throws IOException {
    if (r == null) {
      throw new CoderException("cannot encode a null Rejection");
    }
    CoderFields.str(r.stage(), out);
    CoderFields.str(r.reason(), out);
    CoderFields.str(r.detail(), out);
    CoderFields.str(r.element(), out);
  }

  @Override
  public Rejection decode(InputStream in) throws IOException {
    return new Rejection(
        CoderFields.str(in), CoderFields.str(in), CoderFields.str(in), CoderFields.str(in));
  }

  @Override
  public void verifyDeterministic() {}
}
