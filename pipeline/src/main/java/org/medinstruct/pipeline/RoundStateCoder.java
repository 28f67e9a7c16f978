package org.medinstruct.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.medinstruct.model.CoderFields;

/** Compact, deterministic coder of {@link RoundState}; the stop reason may be null. */
public final class RoundStateCoder extends AtomicCoder<RoundState> {
  private static final RoundStateCoder INSTANCE = new RoundStateCoder();

  private RoundStateCoder() {}

  public static RoundStateCoder of() {
    return INSTANCE;
  }

  /** How {@code @DefaultCoder} on {@link RoundState} finds this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(RoundState.class), INSTANCE);
  }

  @Override
  public void encode(RoundState s, OutputStream out) throws IOException {
    if (s == null) {
      throw new CoderException("cannot encode a null RoundState");
    }
    CoderFields.i32(s.round(), out);
    CoderFields.i64(s.nextRequestIndex(), out);
    CoderFields.i64(s.requestsSoFar(), out);
    CoderFields.i64(s.acceptedSoFar(), out);
    CoderFields.i64(s.target(), out);
    CoderFields.str(s.stopReason(), out);
  }

  @Override
  public RoundState decode(InputStream in) throws IOException {
    return new RoundState(
        CoderFields.i32(in),
        CoderFields.i64(in),
        CoderFields.i64(in),
        CoderFields.i64(in),
        CoderFields.i64(in),
        CoderFields.str(in));
  }

  @Override
  public void verifyDeterministic() {}
}
