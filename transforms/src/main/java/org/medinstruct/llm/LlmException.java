package org.medinstruct.llm;

/**
 * A request that did not produce a completion. Messages never contain the API key.
 *
 * @see #retryable()
 */
public class LlmException extends RuntimeException {
  private final int status;
  private final boolean retryable;
  private final int attempts;

  public LlmException(String message, int status, boolean retryable, int attempts) {
    super(message);
    this.status = status;
    this.retryable = retryable;
    this.attempts = attempts;
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
}
