package org.medinstruct.llm;

import java.io.Serializable;

/**
 * When a run stops as a whole instead of failing request by request (see {@link SystemicStop}).
 *
 * @param keyExpected the launcher had an API key: a worker without one stops the run before sending
 * @param systemicFailures consecutive requests failing the same non-retryable way (401/403, 404, a
 *     400 naming the model or a parameter) that stop the run
 * @param breakerWindow recent requests the circuit breaker looks at (outcomes after retries)
 * @param breakerFailureRate share of that window failing with 5xx, no response or a body that is
 *     not a completion (after retries) that stops the run
 * @param probeRequests requests a worker keeps in flight until its first success, so that a wrong
 *     key or model costs a handful of requests, not a full in-flight window
 */
public record StopSettings(
    boolean keyExpected,
    int systemicFailures,
    int breakerWindow,
    double breakerFailureRate,
    int probeRequests)
    implements Serializable {

  public static final int DEFAULT_SYSTEMIC_FAILURES = 5;
  public static final int DEFAULT_BREAKER_WINDOW = 20;
  public static final double DEFAULT_BREAKER_FAILURE_RATE = 0.5;
  public static final int DEFAULT_PROBE_REQUESTS = 4;

  public StopSettings {
    if (systemicFailures < 1 || breakerWindow < 1 || probeRequests < 1) {
      throw new IllegalArgumentException(
          "systemicFailures, breakerWindow and probeRequests must be at least 1");
    }
    if (!(breakerFailureRate > 0 && breakerFailureRate <= 1)) {
      throw new IllegalArgumentException(
          "breakerFailureRate must be in (0, 1], got " + breakerFailureRate);
    }
  }

  public static StopSettings defaults(boolean keyExpected) {
    return new StopSettings(
        keyExpected,
        DEFAULT_SYSTEMIC_FAILURES,
        DEFAULT_BREAKER_WINDOW,
        DEFAULT_BREAKER_FAILURE_RATE,
        DEFAULT_PROBE_REQUESTS);
  }
}
