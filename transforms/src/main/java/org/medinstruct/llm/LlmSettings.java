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
 * <p>Rate limits and the budget are pipeline-wide; each worker JVM takes {@code 1/workerCount} of
 * them (see {@link #perWorker(double)}).
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
    int workerCount)
    implements Serializable {

  /** A pipeline-wide limit divided among worker JVMs; 0 (unlimited) stays 0. */
  public double perWorker(double pipelineWide) {
    return pipelineWide <= 0 ? 0 : pipelineWide / Math.max(1, workerCount);
  }
}
