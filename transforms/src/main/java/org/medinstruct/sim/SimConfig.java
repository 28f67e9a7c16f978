package org.medinstruct.sim;

/**
 * Settings of the {@link SimulatedLlmServer}.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free ephemeral port
 * @param latencyMs mean delay before each chat completion is answered
 * @param latencyJitterMs the delay varies uniformly by up to this much either way
 * @param faultRate probability that a chat completion fails with an injected fault (an even mix
 *     of 429, 500, 503, a dropped connection and a malformed 200 body)
 * @param requestsPerMinute sliding one-minute limit; above it 429 with Retry-After; 0 = unlimited
 * @param contextLimitTokens prompt + max_tokens limit answered with a context-length 400; 0 = none
 * @param requiredApiKey the "Authorization: Bearer" key to require (401 otherwise); null = any
 * @param seed mixed into every content seed; different seeds give different datasets
 * @param defectRate probability of each realistic output defect (see {@link InstructionWriter} and
 *     {@link ResponseWriter}); 0 gives clean output
 */
public record SimConfig(
    int port,
    long latencyMs,
    long latencyJitterMs,
    double faultRate,
    int requestsPerMinute,
    int contextLimitTokens,
    String requiredApiKey,
    long seed,
    double defectRate) {

  public static final double DEFAULT_DEFECT_RATE = 0.03;

  public SimConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
    if (latencyMs < 0 || latencyJitterMs < 0) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    if (!(faultRate >= 0 && faultRate <= 1)) {
      throw new IllegalArgumentException("faultRate must be in [0,1], got " + faultRate);
    }
    if (!(defectRate >= 0 && defectRate <= 1)) {
      throw new IllegalArgumentException("defectRate must be in [0,1], got " + defectRate);
    }
    if (requestsPerMinute < 0 || contextLimitTokens < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
  }

  /** Ephemeral port, no latency, no faults, no limits, any key, seed 42, 3% defects. */
  public static SimConfig defaults() {
    return new SimConfig(0, 0, 0, 0.0, 0, 0, null, 42L, DEFAULT_DEFECT_RATE);
  }

  public SimConfig withPort(int v) {
    return new SimConfig(v, latencyMs, latencyJitterMs, faultRate, requestsPerMinute,
        contextLimitTokens, requiredApiKey, seed, defectRate);
  }

  public SimConfig withLatency(long ms, long jitterMs) {
    return new SimConfig(port, ms, jitterMs, faultRate, requestsPerMinute, contextLimitTokens,
        requiredApiKey, seed, defectRate);
  }

  public SimConfig withFaultRate(double v) {
    return new SimConfig(port, latencyMs, latencyJitterMs, v, requestsPerMinute,
        contextLimitTokens, requiredApiKey, seed, defectRate);
  }

  public SimConfig withRequestsPerMinute(int v) {
    return new SimConfig(port, latencyMs, latencyJitterMs, faultRate, v, contextLimitTokens,
        requiredApiKey, seed, defectRate);
  }

  public SimConfig withContextLimitTokens(int v) {
    return new SimConfig(port, latencyMs, latencyJitterMs, faultRate, requestsPerMinute, v,
        requiredApiKey, seed, defectRate);
  }

  public SimConfig withRequiredApiKey(String v) {
    return new SimConfig(port, latencyMs, latencyJitterMs, faultRate, requestsPerMinute,
        contextLimitTokens, v, seed, defectRate);
  }

  public SimConfig withSeed(long v) {
    return new SimConfig(port, latencyMs, latencyJitterMs, faultRate, requestsPerMinute,
        contextLimitTokens, requiredApiKey, v, defectRate);
  }

  public SimConfig withDefectRate(double v) {
    return new SimConfig(port, latencyMs, latencyJitterMs, faultRate, requestsPerMinute,
        contextLimitTokens, requiredApiKey, seed, v);
  }

  /** Never prints the key itself. */
  @Override
  public String toString() {
    return "SimConfig[port=" + port + ", latencyMs=" + latencyMs + ", latencyJitterMs="
        + latencyJitterMs + ", faultRate=" + faultRate + ", requestsPerMinute="
        + requestsPerMinute + ", contextLimitTokens=" + contextLimitTokens + ", requiredApiKey="
        + (requiredApiKey == null ? "none" : "***") + ", seed=" + seed + ", defectRate="
        + defectRate + "]";
  }
}
