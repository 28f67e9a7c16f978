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

/** Compact, deterministic coder of {@link GenerationRequest}; the seed id list may be null. */
public final class GenerationRequestCoder extends AtomicCoder<GenerationRequest> {
  private static final GenerationRequestCoder INSTANCE = new GenerationRequestCoder();

  private GenerationRequestCoder() {}

  public static GenerationRequestCoder of() {
    return INSTANCE;
  }

  /** How {@code @DefaultCoder} on {@link GenerationRequest} finds this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(GenerationRequest.class), INSTANCE);
  }

  @Override
  public void encode(GenerationRequest r, OutputStream out) throws IOException {
    if (r == null) {
      throw new CoderException("cannot encode a null GenerationRequest");
    }
    CoderFields.i64(r.index(), out);
    CoderFields.i32(r.round(), out);
    CoderFields.strings(r.seedIds(), out);
  }

  @Override
  public GenerationRequest decode(InputStream in) throws IOException {
    return new GenerationRequest(CoderFields.i64(in), CoderFields.i32(in), CoderFields.strings(in));
  }

  @Override
  public void verifyDeterministic() {}
}
