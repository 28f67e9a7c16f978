package org.medinstruct.llm;

import org.medinstruct.model.FailureKind;

/**
 * A request that did not produce a completion. Messages never contain the API key.
 *
 * @see #retryable()
 * @see #kind()
 */
public class LlmException extends RuntimeException {
  private final int status;
  private final boolean retryable;
  private final int attempts;
  private final FailureKind kind;

  /**
   * The kind follows from the status ({@link FailureKind#ofStatus}); 0 without a response means
   * OTHER.
   */
  public LlmException(String message, int status, boolean retryable, int attempts) {
    this(
        message,
        status,
        retryable,
        attempts,
        status == 0 ? FailureKind.OTHER : FailureKind.ofStatus(status));
  }

  public LlmException(
      String message, int status, boolean retryable, int attempts, FailureKind kind) {
    super(message);
    this.status = status;
    this.retryable = retryable;
    this.attempts = attempts;
    this.kind = kind;
  }

  /** HTTP status, or 0 when no response arrived (I/O error, timeout, refused before sending). */
  public int status() {
    return status;
  }

  /** Whether a later run could succeed by trying again (rate limits, 5xx, timeouts, budget). */
  public boolean retryable() {
    return retryable;
  }

  public int attempts() {
    return attempts;
  }

  /** Why, as a type. */
  public FailureKind kind() {
    return kind;
  }
}
