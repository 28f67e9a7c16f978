package org.medinstruct.llm;

/**
 * A reservation-style token bucket: {@link #reserve} always succeeds and returns how long the
 * caller must wait, so callers queue up fairly in arrival order (as Guava's RateLimiter does). Rate
 * 0 means unlimited. Not thread-safe; {@link RateLimiter} synchronizes.
 */
final class TokenBucket {
  private final double burstSeconds;
  private double perSecond;
  private double tokens;
  private long lastNanos;

  /** Cumulative tokens reserved, so a server's "remaining" can be aged by what was sent since. */
  private double reservedTotal;

  TokenBucket(double perSecond, double burstSeconds, long nowNanos) {
    this.burstSeconds = burstSeconds;
    this.perSecond = perSecond;
    this.tokens = capacity();
    this.lastNanos = nowNanos;
  }

  private double capacity() {
    return Math.max(1, perSecond * burstSeconds);
  }

  private void refill(long nowNanos) {
    if (nowNanos > lastNanos) {
      tokens = Math.min(capacity(), tokens + perSecond * (nowNanos - lastNanos) / 1e9);
      lastNanos = nowNanos;
    }
  }

  /** Takes n tokens (possibly going into debt) and returns the nanos to wait before sending. */
  long reserve(double n, long nowNanos) {
    if (perSecond <= 0) {
      reservedTotal += n;
      return 0;
    }
    refill(nowNanos);
    // A single request larger than the bucket may still pass once the bucket is full.
    double take = Math.min(n, capacity());
    tokens -= take;
    reservedTotal += n;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perSecond * 1e9);
  }

  double reservedTotal() {
    return reservedTotal;
  }

  /** Never hold more than the server says remain (debt allowed: callers then wait for refill). */
  void capAt(double maxTokens, long nowNanos) {
    if (perSecond <= 0) {
      return;
    }
    refill(nowNanos);
    tokens = Math.min(tokens, maxTokens);
  }

  void setRate(double newPerSecond, long nowNanos) {
    refill(nowNanos);
    perSecond = newPerSecond;
    tokens = Math.min(tokens, capacity());
  }

  double rate() {
    return perSecond;
  }
}
