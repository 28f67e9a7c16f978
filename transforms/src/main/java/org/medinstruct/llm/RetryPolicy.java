package org.medinstruct.llm;

import com.google.api.client.util.Clock;
import com.google.api.client.util.ExponentialBackOff;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one retry policy of the client. Retries 408, 409, 429, 5xx, I/O errors (resets, timeouts,
 * refused connections) and malformed 200 bodies. Waits exactly {@code Retry-After} (seconds or an
 * HTTP date) or {@code retry-after-ms} when the server sends one; otherwise full jitter: a uniform
 * random wait in [0, cap], the cap growing ×2 from {@value #INITIAL_MILLIS} ms to {@value
 * #MAX_MILLIS} ms (google-http-client's {@link ExponentialBackOff} without its own randomization
 * supplies the caps).
 */
final class RetryPolicy {
  static final int INITIAL_MILLIS = 500;
  static final int MAX_MILLIS = 30_000;

  private final int maxRetries;
  private final Clock wallClock;

  RetryPolicy(int maxRetries, Clock wallClock) {
    this.maxRetries = Math.max(0, maxRetries);
    this.wallClock = wallClock;
  }

  int maxRetries() {
    return maxRetries;
  }

  static boolean retryableStatus(int status) {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /** Caps for successive retries of one request. */
  static ExponentialBackOff newCaps() {
    return new ExponentialBackOff.Builder()
        .setInitialIntervalMillis(INITIAL_MILLIS)
        .setMultiplier(2.0)
        .setRandomizationFactor(0)
        .setMaxIntervalMillis(MAX_MILLIS)
        .setMaxElapsedTimeMillis(Integer.MAX_VALUE)
        .build();
  }

  /**
   * Millis to wait before the next attempt.
   *
   * @param response the failed response, or null after an I/O error
   * @param minimumMillis a floor from elsewhere (the provider's rate-limit reset after a 429)
   */
  long waitMillis(ExponentialBackOff caps, LlmHttp.Response response, long minimumMillis) {
    long retryAfter = response == null ? -1 : retryAfterMillis(response);
    if (retryAfter >= 0) {
      return retryAfter;
    }
    long cap;
    try {
      cap = caps.nextBackOffMillis();
    } catch (IOException e) {
      cap = MAX_MILLIS;
    }
    if (cap < 0) {
      cap = MAX_MILLIS;
    }
    long jitter = ThreadLocalRandom.current().nextLong(cap + 1);
    return Math.max(jitter, Math.min(minimumMillis, MAX_MILLIS));
  }

  /** retry-after-ms, else Retry-After as delta-seconds or HTTP date; -1 when absent or invalid. */
  long retryAfterMillis(LlmHttp.Response response) {
    String ms = response.header("retry-after-ms");
    if (ms != null) {
      try {
        return Math.max(0, (long) Double.parseDouble(ms.trim()));
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    String value = response.header("retry-after");
    if (value == null || value.isBlank()) {
      return -1;
    }
    try {
      return Math.max(0, (long) (Double.parseDouble(value.trim()) * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        long at =
            ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant()
                .toEpochMilli();
        return Math.max(0, at - wallClock.currentTimeMillis());
      } catch (RuntimeException notDate) {
        return -1;
      }
    }
  }
}
