package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The rate-limit and in-flight layer alone, over a fake next layer. */
class RateLimitedExchangeTest {
  private final FakeTime time = new FakeTime();

  private Exchange.Attempt attempt() {
    return new Exchange.Attempt(
        Fixtures.request("p"), "{}", 1, RequestDeadline.start(time, Safeguards.defaults(), 60));
  }

  private static Exchange.Reply reply(int status, String... headers) {
    Map<String, String> h = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    ChatResponse done = status == 200 ? new ChatResponse("ok", "stop", 1, 1, 1, false) : null;
    return Exchange.Reply.of(new LlmHttp.Response(status, h, ""), done, null);
  }

  @Test
  void givenARequestsPerMinuteLimit_sleepsBeforeSendingOverIt() throws Exception {
    RateLimiter limiter = new RateLimiter(60, 0, 1, time);
    RateLimitedExchange layer = new RateLimitedExchange(a -> reply(200), limiter, 4, time);
    for (int i = 0; i < 5; i++) {
      layer.send(attempt());
    }
    long slept = time.sleeps.stream().mapToLong(Long::longValue).sum();
    assertTrue(slept >= 3_000, "5 requests at 1/s with a half-second burst wait >= 3 s: " + slept);
  }

  @Test
  void givenA429_countsItAndCarriesTheProvidersResetAsTheLeastWait() throws Exception {
    RateLimiter limiter = new RateLimiter(0, 0, 1, time);
    RateLimitedExchange layer =
        new RateLimitedExchange(
            a -> reply(429, "x-ratelimit-reset-requests", "2s"), limiter, 4, time);
    Exchange.Reply r = layer.send(attempt());
    assertEquals(2_000, r.retryFloorMillis());
    Map<String, Long> counters = new HashMap<>();
    layer.drainCounters(counters);
    assertEquals(Map.of("http_429", 1L), counters);
  }

  @Test
  void givenAnExhaustedLimit_cutsTheRate() throws Exception {
    RateLimiter limiter = new RateLimiter(600, 0, 1, time);
    RateLimitedExchange layer =
        new RateLimitedExchange(
            a -> reply(429, "x-ratelimit-remaining-requests", "0"), limiter, 4, time);
    layer.send(attempt());
    assertTrue(layer.rateFactor() < 1.0);
  }

  @Test
  void holdsNoMoreThanMaxInFlightAttemptsAtOnce() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    Exchange slow =
        a -> {
          most.accumulateAndGet(now.incrementAndGet(), Math::max);
          release.await(5, TimeUnit.SECONDS);
          now.decrementAndGet();
          return reply(200);
        };
    RateLimitedExchange layer =
        new RateLimitedExchange(slow, new RateLimiter(0, 0, 1, time), 2, time);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  layer.send(attempt());
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      t.start();
      threads.add(t);
    }
    Thread.sleep(300);
    assertEquals(2, most.get());
    release.countDown();
    for (Thread t : threads) {
      t.join(5_000);
      assertFalse(t.isAlive());
    }
    assertEquals(2, most.get());
  }
}
