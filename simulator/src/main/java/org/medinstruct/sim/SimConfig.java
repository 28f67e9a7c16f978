package org.medinstruct.sim;

import java.util.function.Consumer;

/**
 * Settings of the {@link SimulatedLlmServer}.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free ephemeral port
 * @param latencyMs mean delay before each chat completion is answered
 * @param latencyJitterMs the delay varies uniformly by up to this much either way
 * @param faultRate probability that a chat completion fails with an injected fault (an even mix of
 *     429, 500, 503, a dropped connection and a malformed 200 body)
 * @param requestsPerMinute sliding one-minute limit; above it 429 with Retry-After; 0 = unlimited
 * @param contextLimitTokens prompt + max_tokens limit answered with a context-length 400; 0 = none
 * @param requiredApiKey the "Authorization: Bearer" key to require (401 otherwise); null = any
 * @param seed mixed into every content seed; different seeds give different datasets
 * @param defectRate probability of each realistic output defect (see {@link InstructionWriter} and
 *     {@link ResponseWriter}); 0 gives clean output
 * @param inputWords when set, every generated task input without answer choices is cut or extended
 *     to a length drawn uniformly from this range (e.g. 20-300 words, as real models write); null
 *     keeps the templates' natural 50-200 words
 * @param refuseResponseFormat answer any request with a {@code response_format} with a 400 naming
 *     that parameter, as an endpoint without structured output does (to test the fallback);
 *     otherwise a {@code json_schema} format gets the tasks as JSON
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
    double defectRate,
    InputWords inputWords,
    boolean refuseResponseFormat) {

  /** An inclusive range of input lengths in words. */
  public record InputWords(int min, int max) {
    public InputWords {
      if (min < 1 || max < min) {
        throw new IllegalArgumentException(
            "input words must be 1 <= min <= max, got " + min + "-" + max);
      }
    }

    /** Parses "MIN-MAX", e.g. "20-300". */
    public static InputWords parse(String text) {
      String[] parts = text.strip().split("-", -1);
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            "expected MIN-MAX words, e.g. 20-300, got '" + text + "'");
      }
      return new InputWords(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
    }

    @Override
    public String toString() {
      return min + "-" + max;
    }
  }

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
    return new SimConfig(0, 0, 0, 0.0, 0, 0, null, 42L, DEFAULT_DEFECT_RATE, null, false);
  }

  public SimConfig withPort(int v) {
    return with(b -> b.port = v);
  }

  public SimConfig withLatency(long ms, long jitterMs) {
    return with(
        b -> {
          b.latencyMs = ms;
          b.latencyJitterMs = jitterMs;
        });
  }

  public SimConfig withFaultRate(double v) {
    return with(b -> b.faultRate = v);
  }

  public SimConfig withRequestsPerMinute(int v) {
    return with(b -> b.requestsPerMinute = v);
  }

  public SimConfig withContextLimitTokens(int v) {
    return with(b -> b.contextLimitTokens = v);
  }

  public SimConfig withRequiredApiKey(String v) {
    return with(b -> b.requiredApiKey = v);
  }

  public SimConfig withSeed(long v) {
    return with(b -> b.seed = v);
  }

  public SimConfig withDefectRate(double v) {
    return with(b -> b.defectRate = v);
  }

  public SimConfig withInputWords(InputWords v) {
    return with(b -> b.inputWords = v);
  }

  public SimConfig withRefuseResponseFormat(boolean v) {
    return with(b -> b.refuseResponseFormat = v);
  }

  /** A copy of this config with {@code change} applied to a mutable copy of its components. */
  private SimConfig with(Consumer<Builder> change) {
    Builder b = new Builder(this);
    change.accept(b);
    return b.build();
  }

  /** The components as mutable fields, so that each wither names only what it changes. */
  private static final class Builder {
    private int port;
    private long latencyMs;
    private long latencyJitterMs;
    private double faultRate;
    private int requestsPerMinute;
    private int contextLimitTokens;
    private String requiredApiKey;
    private long seed;
    private double defectRate;
    private InputWords inputWords;
    private boolean refuseResponseFormat;

    private Builder(SimConfig c) {
      port = c.port;
      latencyMs = c.latencyMs;
      latencyJitterMs = c.latencyJitterMs;
      faultRate = c.faultRate;
      requestsPerMinute = c.requestsPerMinute;
      contextLimitTokens = c.contextLimitTokens;
      requiredApiKey = c.requiredApiKey;
      seed = c.seed;
      defectRate = c.defectRate;
      inputWords = c.inputWords;
      refuseResponseFormat = c.refuseResponseFormat;
    }

    /** Validates through the canonical constructor. */
    private SimConfig build() {
      return new SimConfig(
          port,
          latencyMs,
          latencyJitterMs,
          faultRate,
          requestsPerMinute,
          contextLimitTokens,
          requiredApiKey,
          seed,
          defectRate,
          inputWords,
          refuseResponseFormat);
    }
  }

  /** Never prints the key itself. */
  @Override
  public String toString() {
    return "SimConfig[port="
        + port
        + ", latencyMs="
        + latencyMs
        + ", latencyJitterMs="
        + latencyJitterMs
        + ", faultRate="
        + faultRate
        + ", requestsPerMinute="
        + requestsPerMinute
        + ", contextLimitTokens="
        + contextLimitTokens
        + ", requiredApiKey="
        + (requiredApiKey == null ? "none" : "***")
        + ", seed="
        + seed
        + ", defectRate="
        + defectRate
        + (inputWords == null ? "" : ", inputWords=" + inputWords)
        + (refuseResponseFormat ? ", refuseResponseFormat=true" : "")
        + "]";
  }
}
