package org.medinstruct.llm;

import java.io.Serializable;

/**
 * Everything a worker needs to build its {@link ChatClient}. Serializable and free of secrets: the
 * API key is resolved on the worker from {@code apiKeyEnv} or {@code apiKeyFile}, never carried
 * here.
 *
 * <p>{@code endpointId}, when set, names the endpoint in journal keys instead of {@code baseUrl}
 * (the built-in simulated endpoint listens on a new port every run).
 *
 * <p>{@code progressDir}, when set, receives this JVM's live progress counters (see {@code
 * org.medinstruct.progress.Progress}).
 *
 * <p>{@code safeguards}: the total deadline of one request and the journal's scope.
 *
 * <p>Rate limits and the budget are pipeline-wide; each worker JVM takes {@code 1/workerCount} of
 * them (see {@link #perWorker(double)}).
 *
 * <p>{@code stop} says when a systemic failure stops the whole run (see {@link SystemicStop}).
 */
public record LlmSettings(
    String baseUrl,
    String endpointId,
    String apiKeyEnv,
    String apiKeyFile,
    boolean allowInsecureHttp,
    int requestsPerMinute,
    int tokensPerMinute,
    int maxInFlightRequests,
    int maxRetries,
    int requestTimeoutSeconds,
    String cacheDir,
    boolean refreshCache,
    double maxCostUsd,
    String pricesFile,
    int workerCount,
    String progressDir,
    StopSettings stop,
    Safeguards safeguards,
    String modelsFile,
    String apiVersion,
    AuthHeader authHeader,
    String deployments,
    BatchSettings batch)
    implements Serializable {

  /** How the API key travels: OpenAI's bearer token, or Azure OpenAI's {@code api-key} header. */
  public enum AuthHeader {
    BEARER,
    API_KEY
  }

  /** A copy with other {@link Safeguards}. */
  public LlmSettings withSafeguards(Safeguards s) {
    return copy(s, batch, maxCostUsd);
  }

  /** A copy with another budget (what is left of the run's, for one round's job). */
  public LlmSettings withMaxCostUsd(double usd) {
    return copy(safeguards, batch, usd);
  }

  /** True in Batch API mode ({@code batch} set). */
  public boolean batchMode() {
    return batch != null;
  }

  /** The same settings in Batch API mode. */
  public LlmSettings withBatch(BatchSettings b) {
    return copy(safeguards, b, maxCostUsd);
  }

  private LlmSettings copy(Safeguards newSafeguards, BatchSettings newBatch, double newMaxCostUsd) {
    return new LlmSettings(
        baseUrl(),
        endpointId(),
        apiKeyEnv(),
        apiKeyFile(),
        allowInsecureHttp(),
        requestsPerMinute(),
        tokensPerMinute(),
        maxInFlightRequests(),
        maxRetries(),
        requestTimeoutSeconds(),
        cacheDir(),
        refreshCache(),
        newMaxCostUsd,
        pricesFile(),
        workerCount(),
        progressDir(),
        stop(),
        newSafeguards,
        modelsFile(),
        apiVersion(),
        authHeader(),
        deployments(),
        newBatch);
  }

  /** The models file with this run's overrides and deployment map. */
  public ModelCatalog catalog() {
    return ModelCatalog.load(modelsFile, pricesFile, deployments);
  }

  /** Recommended in-flight requests per worker JVM: enough for ~750 RPM at 20 s latency. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 256;

  public static final int DEFAULT_MAX_RETRIES = 8;
  public static final int DEFAULT_TIMEOUT_SECONDS = 120;

  /**
   * Settings with the recommended defaults: key from OPENAI_API_KEY, {@value
   * #DEFAULT_MAX_IN_FLIGHT} in flight, {@value #DEFAULT_MAX_RETRIES} retries, {@value
   * #DEFAULT_TIMEOUT_SECONDS} s timeout, no token limit, journal, budget or prices file, one
   * worker.
   */
  public static LlmSettings defaults(String baseUrl, int requestsPerMinute) {
    return new LlmSettings(
        baseUrl,
        null,
        "OPENAI_API_KEY",
        null,
        false,
        requestsPerMinute,
        0,
        DEFAULT_MAX_IN_FLIGHT,
        DEFAULT_MAX_RETRIES,
        DEFAULT_TIMEOUT_SECONDS,
        null,
        false,
        0,
        null,
        1,
        null,
        StopSettings.defaults(false),
        Safeguards.defaults(),
        null,
        null,
        AuthHeader.BEARER,
        null,
        null);
  }

  /**
   * The name journal keys use for the endpoint: {@code endpointId}, else the base URL; a constant
   * when {@link Safeguards#journalScope()} is MODEL.
   */
  public String journalEndpoint() {
    String name = endpointId != null && !endpointId.isBlank() ? endpointId : baseUrl;
    return (safeguards == null ? Safeguards.defaults() : safeguards).journalEndpoint(name);
  }

  /** A pipeline-wide limit divided among worker JVMs; 0 (unlimited) stays 0. */
  public double perWorker(double pipelineWide) {
    return pipelineWide <= 0 ? 0 : pipelineWide / Math.max(1, workerCount);
  }
}
