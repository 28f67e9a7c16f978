package org.medinstruct.sim;

import java.util.ArrayDeque;

/**
 * A sliding one-minute request window: at most {@code limit} admitted requests in any 60 s.
 * Thread-safe.
 */
final class RequestWindow {
  static final long WINDOW_NANOS = 60_000_000_000L;

  /** The outcome of one admission attempt, with the values for the x-ratelimit-* headers. */
  record Decision(boolean admitted, int limit, int remaining, long resetMillis) {}

  private final int limit;
  private final ArrayDeque<Long> admitted = new ArrayDeque<>();

  RequestWindow(int limit) {
    this.limit = limit;
  }

  synchronized Decision tryAdmit(long nowNanos) {
    if (limit <= 0) {
      return new Decision(true, 0, 0, 0);
    }
    while (!admitted.isEmpty() && nowNanos - admitted.peekFirst() >= WINDOW_NANOS) {
      admitted.pollFirst();
    }
    boolean ok = admitted.size() < limit;
    if (ok) {
      admitted.addLast(nowNanos);
    }
    long resetNanos = admitted.isEmpty() ? 0 : WINDOW_NANOS - (nowNanos - admitted.peekFirst());
    return new Decision(ok, limit, limit - admitted.size(), (resetNanos + 999_999) / 1_000_000);
  }
}
