package org.medinstruct.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.medinstruct.model.CoderFields;
import org.medinstruct.model.FailureKind;

/** Compact, deterministic coder of {@link LlmFailure}; the error text and the kind may be null. */
public final class LlmFailureCoder extends AtomicCoder<LlmFailure> {
  private static final LlmFailureCoder INSTANCE = new LlmFailureCoder();

  private LlmFailureCoder() {}

  public static LlmFailureCoder of() {
    return INSTANCE;
  }

  /** How {@code @DefaultCoder} on {@link LlmFailure} finds this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(LlmFailure.class), INSTANCE);
  }

  @Override
  public void encode(LlmFailure f, OutputStream out) throws IOException {
    if (f == null) {
      throw new CoderException("cannot encode a null LlmFailure");
    }
    CoderFields.str(f.error(), out);
    CoderFields.i32(f.status(), out);
    CoderFields.bool(f.retryable(), out);
    CoderFields.i32(f.attempts(), out);
    CoderFields.enumName(f.kind(), out);
  }

  @Override
  public LlmFailure decode(InputStream in) throws IOException {
    return new LlmFailure(
        CoderFields.str(in),
        CoderFields.i32(in),
        CoderFields.bool(in),
        CoderFields.i32(in),
        CoderFields.enumName(FailureKind.class, in));
  }

  @Override
  public void verifyDeterministic() {}
}
