package org.medinstruct.llm;

import java.io.Serializable;
import java.util.Locale;

/**
 * Limits that make every request end and say where journaled completions may be reused.
 *
 * <p>{@code requestDeadlineSeconds}: the total time one request may take across all its attempts
 * and backoff sleeps; past it the request fails (retryable, so a rerun tries again). Each attempt's
 * timeout is cut to what is left.
 *
 * <p>{@code journalScope}: {@link JournalScope#ENDPOINT} (the default) keys journaled completions
 * by endpoint and model; {@link JournalScope#MODEL} by model only, so the same provider moved
 * behind another port or proxy reuses them. The default is per endpoint because a model name only
 * names a model within one provider (two local servers may both serve "default" or different
 * quantizations of "llama-3"), and reusing another endpoint's answer would silently mix models.
 */
public record Safeguards(int requestDeadlineSeconds, JournalScope journalScope)
    implements Serializable {
  public static final int DEFAULT_REQUEST_DEADLINE_SECONDS = 600;

  /** What a journal key names besides the request itself. */
  public enum JournalScope {
    ENDPOINT,
    MODEL;

    /**
     * Parses {@code endpoint} or {@code model} (any case); anything else is an error naming both.
     */
    public static JournalScope parse(String s) {
      try {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("--journalScope must be endpoint or model, not " + s);
      }
    }
  }

  public static Safeguards defaults() {
    return new Safeguards(DEFAULT_REQUEST_DEADLINE_SECONDS, JournalScope.ENDPOINT);
  }

  /** The deadline in nanoseconds (non-positive means the default). */
  long deadlineNanos() {
    int s = requestDeadlineSeconds > 0 ? requestDeadlineSeconds : DEFAULT_REQUEST_DEADLINE_SECONDS;
    return s * 1_000_000_000L;
  }

  /** The endpoint part of journal keys: the endpoint's name, or a constant for model scope. */
  String journalEndpoint(String endpointName) {
    return journalScope == JournalScope.MODEL ? "model-scope" : endpointName;
  }
}
