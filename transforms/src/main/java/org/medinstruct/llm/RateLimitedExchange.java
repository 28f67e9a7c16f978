package org.medinstruct.llm;

import com.google.api.client.util.Sleeper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paces attempts: waits for the {@link RateLimiter}'s requests- and tokens-per-minute, then holds
 * one of {@code maxInFlight} permits while the next layer sends. Every response adapts the limiter
 * (x-ratelimit headers, AIMD on 429s); a 429's reply carries the provider's reset as the least wait
 * before a retry. Counts 429s ("http_429").
 */
final class RateLimitedExchange implements Exchange {
  private final Exchange next;
  private final RateLimiter limiter;
  private final Semaphore inFlight;
  private final Sleeper sleeper;
  private final AtomicLong http429 = new AtomicLong();

  RateLimitedExchange(Exchange next, RateLimiter limiter, int maxInFlight, Sleeper sleeper) {
    this.next = next;
    this.limiter = limiter;
    this.inFlight = new Semaphore(maxInFlight, true);
    this.sleeper = sleeper;
  }

  @Override
  public Reply send(Attempt attempt) throws IOException, InterruptedException {
    RateLimiter.Ticket ticket = limiter.reserve(RateLimiter.estimateTokens(attempt.request()));
    if (ticket.waitNanos() > 0) {
      sleeper.sleep(TimeUnit.NANOSECONDS.toMillis(ticket.waitNanos() + 999_999));
    }
    Reply reply;
    inFlight.acquire();
    try {
      reply = next.send(attempt);
    } finally {
      inFlight.release();
    }
    limiter.onHeaders(reply.response(), ticket);
    if (reply.completion() != null) {
      limiter.onSuccess();
    } else if (reply.status() == 429) {
      http429.incrementAndGet();
      limiter.on429(reply.response());
      return reply.withRetryFloorMillis(TimeUnit.NANOSECONDS.toMillis(limiter.resetNanos()));
    } else {
      limiter.onOtherResponse();
    }
    return reply;
  }

  double rateFactor() {
    return limiter.factor();
  }

  void drainCounters(Map<String, Long> into) {
    into.put("http_429", http429.getAndSet(0));
  }
}
