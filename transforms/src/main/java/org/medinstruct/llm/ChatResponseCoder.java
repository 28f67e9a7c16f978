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

/** Compact, deterministic coder of {@link ChatResponse}; content and finish reason may be null. */
public final class ChatResponseCoder extends AtomicCoder<ChatResponse> {
  private static final ChatResponseCoder INSTANCE = new ChatResponseCoder();

  private ChatResponseCoder() {}

  public static ChatResponseCoder of() {
    return INSTANCE;
  }

  /** How {@code @DefaultCoder} on {@link ChatResponse} finds this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(ChatResponse.class), INSTANCE);
  }

  @Override
  public void encode(ChatResponse r, OutputStream out) throws IOException {
    if (r == null) {
      throw new CoderException("cannot encode a null ChatResponse");
    }
    CoderFields.str(r.content(), out);
    CoderFields.str(r.finishReason(), out);
    CoderFields.i64(r.promptTokens(), out);
    CoderFields.i64(r.completionTokens(), out);
    CoderFields.i32(r.attempts(), out);
    CoderFields.bool(r.fromCache(), out);
  }

  @Override
  public ChatResponse decode(InputStream in) throws IOException {
    return new ChatResponse(
        CoderFields.str(in),
        CoderFields.str(in),
        CoderFields.i64(in),
        CoderFields.i64(in),
        CoderFields.i32(in),
        CoderFields.bool(in));
  }

  @Override
  public void verifyDeterministic() {}
}
