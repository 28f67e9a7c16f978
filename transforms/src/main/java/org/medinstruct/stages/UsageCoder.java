package org.medinstruct.stages;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.medinstruct.model.CoderFields;

/** Compact, deterministic coder of {@link Usage}; stage, model and parse may be null. */
public final class UsageCoder extends AtomicCoder<Usage> {
  private static final UsageCoder INSTANCE = new UsageCoder();

  private UsageCoder() {}

  public static UsageCoder of() {
    return INSTANCE;
  }

  /** How {@code @DefaultCoder} on {@link Usage} finds this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(Usage.class), INSTANCE);
  }

  @Override
  public void encode(Usage u, OutputStream out) throws IOException {
    if (u == null) {
      throw new CoderException("cannot encode a null Usage");
    }
    CoderFields.str(u.stage(), out);
    CoderFields.str(u.model(), out);
    CoderFields.i64(u.promptTokens(), out);
    CoderFields.i64(u.completionTokens(), out);
    CoderFields.bool(u.fromCache(), out);
    CoderFields.i32(u.attempts(), out);
    CoderFields.i32(u.items(), out);
    CoderFields.str(u.parse(), out);
    CoderFields.i32(u.tasksParsed(), out);
  }

  @Override
  public Usage decode(InputStream in) throws IOException {
    return new Usage(
        CoderFields.str(in),
        CoderFields.str(in),
        CoderFields.i64(in),
        CoderFields.i64(in),
        CoderFields.bool(in),
        CoderFields.i32(in),
        CoderFields.i32(in),
        CoderFields.str(in),
        CoderFields.i32(in));
  }

  @Override
  public void verifyDeterministic() {}
}
