package org.medinstruct.sim;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.SplittableRandom;

/** The simulated endpoint's per-request policy from its {@link SimConfig}: key, latency, limits. */
final class EndpointPolicy {
  private final SimConfig config;

  EndpointPolicy(SimConfig config) {
    this.config = config;
  }

  /**
   * True when no key is required, or the Authorization header carries it (compared in constant
   * time).
   */
  boolean authorized(String header) {
    if (config.requiredApiKey() == null) {
      return true;
    }
    String expected = "Bearer " + config.requiredApiKey();
    return header != null
        && MessageDigest.isEqual(
            header.trim().getBytes(StandardCharsets.UTF_8),
            expected.getBytes(StandardCharsets.UTF_8));
  }

  /** The configured latency with its jitter, drawn from {@code r}. */
  void sleep(SplittableRandom r) {
    long jitter = config.latencyJitterMs();
    long ms = config.latencyMs() + (jitter > 0 ? r.nextLong(-jitter, jitter + 1) : 0);
    if (ms > 0) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** OpenAI's x-ratelimit-*-requests headers for a window decision. */
  void rateHeaders(HttpExchange ex, RequestWindow.Decision d) {
    boolean limited = config.requestsPerMinute() > 0;
    var h = ex.getResponseHeaders();
    h.set("x-ratelimit-limit-requests", Integer.toString(limited ? d.limit() : 1_000_000));
    h.set("x-ratelimit-remaining-requests", Integer.toString(limited ? d.remaining() : 1_000_000));
    h.set("x-ratelimit-reset-requests", limited ? HttpReplies.duration(d.resetMillis()) : "0s");
  }
}
