package org.medinstruct.llm;

import org.medinstruct.model.FailureKind;

/**
 * Decides from request outcomes (after retries) when the whole run must stop. It trips on {@code
 * consecutive} requests in a row failing the same systemic way ({@link FailureKind#systemic()}; a
 * worker without the key trips it at once), or when at least {@code failureRate} of the last {@code
 * window} requests failed unhealthily (5xx, no response or a body that is not a completion, after
 * every retry). Requests that were never sent (budget, already stopped) are not outcomes. Not
 * thread-safe: {@link SystemicStop} calls it under its lock.
 */
final class CircuitBreaker {
  /**
   * Why the breaker tripped. {@code error} is the last failure's message (key already redacted).
   */
  record Trip(FailureKind kind, int status, String error, String rule) {}

  private final int consecutive;
  private final boolean[] recent;
  private final int unhealthyToTrip;
  private int next;
  private int filled;
  private int unhealthy;
  private FailureKind streakKind;
  private int streak;
  private Trip trip;

  CircuitBreaker(int consecutive, int window, double failureRate) {
    this.consecutive = consecutive;
    this.recent = new boolean[window];
    this.unhealthyToTrip = Math.max(1, (int) Math.ceil(failureRate * window));
  }

  static CircuitBreaker of(StopSettings s) {
    return new CircuitBreaker(s.systemicFailures(), s.breakerWindow(), s.breakerFailureRate());
  }

  /** The trip, once tripped; null while requests may go on. */
  Trip tripped() {
    return trip;
  }

  void onSuccess() {
    streak = 0;
    streakKind = null;
    remember(false);
  }

  /** Records a failed request; returns the trip if this failure tripped the breaker, else null. */
  Trip onFailure(FailureKind kind, int status, String error) {
    if (trip != null || kind == FailureKind.BUDGET || kind == FailureKind.STOPPED) {
      return null;
    }
    if (kind == FailureKind.NO_KEY) {
      return trip = new Trip(kind, status, error, "the worker has no API key");
    }
    if (kind.systemic()) {
      streak = kind == streakKind ? streak + 1 : 1;
      streakKind = kind;
      if (streak >= consecutive) {
        return trip =
            new Trip(kind, status, error, streak + " requests in a row failed the same way");
      }
    } else {
      streak = 0;
      streakKind = null;
    }
    remember(kind.unhealthy());
    if (filled == recent.length && unhealthy >= unhealthyToTrip) {
      return trip =
          new Trip(
              kind,
              status,
              error,
              unhealthy + " of the last " + recent.length + " requests failed after every retry");
    }
    return null;
  }

  private void remember(boolean bad) {
    if (filled == recent.length && recent[next]) {
      unhealthy--;
    }
    recent[next] = bad;
    if (bad) {
      unhealthy++;
    }
    next = (next + 1) % recent.length;
    filled = Math.min(recent.length, filled + 1);
  }
}
