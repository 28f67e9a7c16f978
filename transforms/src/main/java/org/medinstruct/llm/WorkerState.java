package org.medinstruct.llm;

import com.google.api.client.util.Clock;
import com.google.api.client.util.NanoClock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one worker JVM learns about an endpoint and must keep while clients come and go (a client
 * lives from a DoFn's setup to its teardown; the budget, the rate, a tripped breaker and the
 * completions journaled under refreshCache hold for the whole run): the {@link Budget}, the {@link
 * RateLimiter}, the {@link SystemicStop}, the {@link DeadEndpoint}, the {@link StructuredFallback}
 * and the keys journaled in this run. Holds no thread, file or connection.
 */
final class WorkerState {
  final Budget budget;
  final RateLimiter limiter;
  final SystemicStop stop;
  final DeadEndpoint deadEndpoint;
  final StructuredFallback structured;
  final Set<String> journaledHere = ConcurrentHashMap.newKeySet();

  private WorkerState(
      Budget budget,
      RateLimiter limiter,
      SystemicStop stop,
      DeadEndpoint deadEndpoint,
      StructuredFallback structured) {
    this.budget = budget;
    this.limiter = limiter;
    this.stop = stop;
    this.deadEndpoint = deadEndpoint;
    this.structured = structured;
  }

  /** Fresh state for the online endpoint of these settings. */
  static WorkerState of(
      LlmSettings settings, boolean hasKey, NanoClock nanoClock, Clock wallClock) {
    String url = HttpChatClient.url(settings);
    return new WorkerState(
        budget(settings),
        new RateLimiter(
            settings.perWorker(settings.requestsPerMinute()),
            settings.perWorker(settings.tokensPerMinute()),
            settings.workerCount(),
            nanoClock),
        new SystemicStop(
            settings.stop(),
            settings.progressDir(),
            hasKey,
            url,
            ApiKeys.source(settings),
            wallClock::currentTimeMillis),
        new DeadEndpoint(nanoClock),
        new StructuredFallback(url));
  }

  /** This worker's share of maxCostUsd. */
  static Budget budget(LlmSettings settings) {
    return new Budget(settings.perWorker(settings.maxCostUsd()));
  }
}
