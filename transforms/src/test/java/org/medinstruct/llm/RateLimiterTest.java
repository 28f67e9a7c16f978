package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final FakeTime time = new FakeTime();

  private static LlmHttp.Response headers(String... pairs) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return new LlmHttp.Response(200, m, "");
  }

  @Test
  void givenRpm_allowsHalfSecondBurstThenPacesAtTheRate() {
    RateLimiter limiter = new RateLimiter(600, 0, 1, time); // 10 per second, burst 5
    for (int i = 0; i < 5; i++) {
      assertEquals(0, limiter.reserve(1).waitNanos());
    }
    assertEquals(100_000_000L, limiter.reserve(1).waitNanos());
    assertEquals(200_000_000L, limiter.reserve(1).waitNanos());
  }

  @Test
  void givenTpm_estimatesCharactersOverFourPlusMaxTokens() {
    ChatRequest r =
        new ChatRequest(
            "s",
            "k",
            "t",
            "m",
            java.util.List.of(ChatMessage.user("x".repeat(400))),
            0,
            1,
            0,
            50,
            java.util.List.of(),
            null);
    assertEquals(150, RateLimiter.estimateTokens(r));
    RateLimiter limiter = new RateLimiter(0, 60 * 600, 1, time); // 600 tokens/s, burst 300
    assertEquals(0, limiter.reserve(150).waitNanos());
    assertEquals(0, limiter.reserve(150).waitNanos());
    assertEquals(250_000_000L, limiter.reserve(150).waitNanos());
  }

  @Test
  void givenWorkers_eachTakesItsShare() {
    LlmSettings s = Settings.at("http://127.0.0.1/v1").build();
    LlmSettings four =
        new LlmSettings(
            s.baseUrl(),
            null,
            s.apiKeyEnv(),
            null,
            false,
            6000,
            0,
            1,
            1,
            1,
            null,
            false,
            8,
            null,
            4,
            null,
            StopSettings.defaults(false),
            Safeguards.defaults(),
            null,
            null,
            LlmSettings.AuthHeader.BEARER,
            null,
            null);
    assertEquals(1500, four.perWorker(four.requestsPerMinute()));
    assertEquals(2, four.perWorker(four.maxCostUsd()));
    assertEquals(0, four.perWorker(0));
  }

  @Test
  void given429WithExhaustedLimit_decreasesMultiplicativelyOncePerSecondAndRecoversAdditively() {
    RateLimiter limiter = new RateLimiter(6000, 0, 1, time);
    LlmHttp.Response exhausted = headers("x-ratelimit-remaining-requests", "0");
    limiter.on429(exhausted);
    limiter.on429(exhausted); // same burst: counted once
    assertEquals(RateLimiter.DECREASE, limiter.factor(), 1e-9);
    assertEquals(100 * RateLimiter.DECREASE, limiter.requestsPerSecond(), 1e-9);
    time.advanceMillis(1000);
    limiter.on429(exhausted);
    assertEquals(RateLimiter.DECREASE * RateLimiter.DECREASE, limiter.factor(), 1e-9);
    for (int i = 0; i < 100; i++) {
      limiter.onSuccess();
    }
    assertEquals(1.0, limiter.factor(), 1e-9, "back to the configured limit, not above");
  }

  @Test
  void givenLoneOverload429_keepsTheRate() {
    RateLimiter limiter = new RateLimiter(6000, 0, 1, time);
    for (int i = 0; i < 50; i++) {
      limiter.onSuccess();
    }
    limiter.on429(headers("x-ratelimit-remaining-requests", "40"));
    limiter.on429(headers());
    assertEquals(1.0, limiter.factor(), 1e-9);
  }

  @Test
  void givenSustained429sWithoutHeaders_decreases() {
    RateLimiter limiter = new RateLimiter(6000, 0, 1, time);
    for (int i = 0; i < 20; i++) {
      limiter.onSuccess();
    }
    limiter.on429(headers());
    limiter.on429(headers());
    assertEquals(1.0, limiter.factor(), 1e-9);
    limiter.on429(headers()); // 3 of 23 responses in the last second
    assertEquals(RateLimiter.DECREASE, limiter.factor(), 1e-9);
  }

  @Test
  void givenRemainingHeader_neverSendsMoreThanTheServerSaysRemain() {
    RateLimiter limiter = new RateLimiter(6000, 0, 1, time); // burst 50
    RateLimiter.Ticket first = limiter.reserve(1);
    for (int i = 0; i < 9; i++) {
      limiter.reserve(1); // nine more sent after the first
    }
    // The server saw the first request with 10 left: 9 are already on their way, so one remains.
    limiter.onHeaders(headers("x-ratelimit-remaining-requests", "10"), first);
    assertEquals(0, limiter.reserve(1).waitNanos());
    assertEquals(10_000_000L, limiter.reserve(1).waitNanos(), "then paced at 100/s refill");
  }

  @Test
  void givenLowerLimitHeader_adoptsItDividedByWorkers() {
    RateLimiter limiter = new RateLimiter(6000, 0, 2, time);
    limiter.onHeaders(headers("x-ratelimit-limit-requests", "600"), limiter.reserve(1));
    assertEquals(5, limiter.requestsPerSecond(), 1e-9);
  }

  @Test
  void resetHeader_parsesOpenAiDurations() {
    assertEquals(1_000_000_000L, RateLimiter.resetDurationNanos("1s"));
    assertEquals(20_000_000L, RateLimiter.resetDurationNanos("20ms"));
    assertEquals(360_000_000_000L, RateLimiter.resetDurationNanos("6m0s"));
    assertEquals(1_500_000_000L, RateLimiter.resetDurationNanos("1.5s"));
    assertEquals(0, RateLimiter.resetDurationNanos(null));
    RateLimiter limiter = new RateLimiter(0, 0, 1, time);
    limiter.onHeaders(
        headers("x-ratelimit-reset-requests", "2s", "x-ratelimit-reset-tokens", "500ms"),
        limiter.reserve(1));
    assertEquals(2_000_000_000L, limiter.resetNanos());
  }

  @Test
  void givenUnlimited_neverWaits() {
    RateLimiter limiter = new RateLimiter(0, 0, 1, time);
    for (int i = 0; i < 1000; i++) {
      assertTrue(limiter.reserve(10_000).waitNanos() == 0);
    }
  }
}
