package org.medinstruct.llm;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.medinstruct.model.FailureKind;

/**
 * Why a request produced no completion, as the client reports it; {@link CallLlm} writes it into
 * its stage's dead-letter {@link org.medinstruct.model.Failure}.
 */
@DefaultCoder(LlmFailureCoder.class)
public record LlmFailure(
    String error, int status, boolean retryable, int attempts, FailureKind kind)
    implements Serializable {
  public static LlmFailure of(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof java.util.concurrent.CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof LlmException e) {
      return new LlmFailure(e.getMessage(), e.status(), e.retryable(), e.attempts(), e.kind());
    }
    return new LlmFailure(
        cause.getClass().getSimpleName() + ": " + cause.getMessage(),
        0,
        true,
        0,
        FailureKind.OTHER);
  }
}
