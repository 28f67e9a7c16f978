package org.medinstruct.llm;

import com.google.api.client.util.NanoClock;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.medinstruct.model.FailureKind;

/**
 * The total deadline of one request across its attempts and backoff sleeps ({@link
 * Safeguards#requestDeadlineSeconds()}, default 10 minutes): each attempt's timeout is cut to what
 * is left, and no retry starts that could not finish in time. Without it, 120 s × 9 attempts plus
 * backoff let one hung request take about 18 minutes. Also the backstop on body size: no request
 * body over {@link #MAX_BODY_BYTES} is ever sent (the prompt-size stage rejects long tasks as
 * {@code too_long} before this; this catches any other prompt).
 */
final class RequestDeadline {
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private final NanoClock clock;
  private final long deadlineNanos;
  private final int attemptTimeoutSeconds;
  private final long totalSeconds;

  private RequestDeadline(
      NanoClock clock, long deadlineNanos, int attemptTimeoutSeconds, long totalSeconds) {
    this.clock = clock;
    this.deadlineNanos = deadlineNanos;
    this.attemptTimeoutSeconds = attemptTimeoutSeconds;
    this.totalSeconds = totalSeconds;
  }

  static RequestDeadline start(NanoClock clock, Safeguards safeguards, int attemptTimeoutSeconds) {
    long total = (safeguards == null ? Safeguards.defaults() : safeguards).deadlineNanos();
    return new RequestDeadline(
        clock, clock.nanoTime() + total, attemptTimeoutSeconds, total / 1_000_000_000L);
  }

  /** The next attempt's timeout: the configured one, or less when the deadline is nearer. */
  int attemptTimeoutSeconds() {
    long left = TimeUnit.NANOSECONDS.toSeconds(deadlineNanos - clock.nanoTime());
    return (int) Math.max(1, Math.min(attemptTimeoutSeconds, left));
  }

  /** Fails the request when waiting {@code waitMillis} and trying again would pass the deadline. */
  void checkRetry(long waitMillis, String lastError, int status, int attempts) {
    long next = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    if (next >= deadlineNanos - TimeUnit.SECONDS.toNanos(1)) {
      throw new LlmException(
          lastError
              + " (gave up after "
              + attempts
              + " attempts: the request deadline of "
              + totalSeconds
              + " s, --requestDeadlineSeconds, has passed)",
          status,
          true,
          attempts,
          FailureKind.ofStatus(status));
    }
  }

  /** Refuses a body over {@link #MAX_BODY_BYTES} (not retryable: it would never shrink). */
  static void checkBodySize(String body, String url, int attempts) {
    // Each char is at most 3 UTF-8 bytes (a surrogate pair, 2 chars, is 4): skip the copy when
    // small.
    if ((long) body.length() * 3 <= MAX_BODY_BYTES) {
      return;
    }
    int bytes = body.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BODY_BYTES) {
      throw new LlmException(
          "request body of "
              + bytes
              + " bytes is over the "
              + MAX_BODY_BYTES
              + "-byte limit; not sent to "
              + url,
          0,
          false,
          attempts,
          FailureKind.BAD_REQUEST);
    }
  }
}
