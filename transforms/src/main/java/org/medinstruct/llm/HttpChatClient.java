package org.medinstruct.llm;

import com.google.api.client.util.Clock;
import com.google.api.client.util.NanoClock;
import com.google.api.client.util.Sleeper;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An OpenAI chat-completions client, assembled from layers that each do one thing (outermost
 * first):
 *
 * <ol>
 *   <li>{@link JournaledChat}: the journal; a journaled completion is never paid twice, identical
 *       requests in flight are sent once;
 *   <li>{@link ThreadedChat}: at most 2 × maxInFlightRequests threads, on demand;
 *   <li>{@link StopGate}: the {@link SystemicStop} (circuit breaker, stop marker, probes);
 *   <li>{@link RetryingChat}: the one retry loop ({@link RetryPolicy}, {@link RequestDeadline},
 *       {@link StructuredFallback}, context-length cuts, {@link DeadEndpoint});
 *   <li>per attempt, {@link BudgetedExchange}: the worker's share of maxCostUsd;
 *   <li>{@link RateLimitedExchange}: requests and tokens per minute, then the in-flight limit;
 *   <li>{@link OpenAiTransport}: one POST over the pooled JDK client ({@link PooledLlmHttp}),
 *       pinned to loopback when a key travels over plain http ({@link LoopbackPinnedHttp}).
 * </ol>
 *
 * <p>Input: {@link ChatRequest}. Output: a future {@link ChatResponse}, from the journal ({@code
 * fromCache}, attempts 0, no HTTP) or from the endpoint (journaled before the future completes).
 * Failure: the future fails with {@link LlmException} (status, retryable, attempts); no message
 * contains the API key.
 */
public final class HttpChatClient implements ChatClient, ClientCounters {
  private final String url;
  private final String apiKey;
  private final OpenAiTransport transport;
  private final RateLimitedExchange rateLimited;
  private final BudgetedExchange budgeted;
  private final JournaledChat journaled;

  /** The production client: real HTTP, system clocks, real sleeping, key from env or file. */
  public static HttpChatClient create(LlmSettings settings) {
    String apiKey = ApiKeys.resolve(settings);
    return create(
        settings, apiKey, WorkerState.of(settings, apiKey != null, NanoClock.SYSTEM, Clock.SYSTEM));
  }

  /** A production client over a worker's lasting state (see {@link ChatClients}). */
  static HttpChatClient create(LlmSettings settings, String apiKey, WorkerState state) {
    return new HttpChatClient(
        settings,
        state,
        apiKey,
        new PooledLlmHttp(),
        NanoClock.SYSTEM,
        Clock.SYSTEM,
        Sleeper.DEFAULT);
  }

  /** Everything injectable, for tests: the key, the HTTP seam, the clocks and the sleeper. */
  HttpChatClient(
      LlmSettings settings,
      String apiKey,
      LlmHttp http,
      NanoClock nanoClock,
      Clock wallClock,
      Sleeper sleeper) {
    this(
        settings,
        WorkerState.of(settings, apiKey != null, nanoClock, wallClock),
        apiKey,
        http,
        nanoClock,
        wallClock,
        sleeper);
  }

  /** A client over a worker's lasting state (see {@link ChatClients}). */
  private HttpChatClient(
      LlmSettings settings,
      WorkerState state,
      String apiKey,
      LlmHttp http,
      NanoClock nanoClock,
      Clock wallClock,
      Sleeper sleeper) {
    String base = ChatEndpoint.trimSlash(settings.baseUrl());
    checkTransport(base, apiKey, settings.allowInsecureHttp());
    this.url = ChatEndpoint.url(base, "chat/completions", settings);
    this.apiKey = apiKey;
    int maxInFlight = maxInFlight(settings);
    int timeoutSeconds =
        settings.requestTimeoutSeconds() > 0
            ? settings.requestTimeoutSeconds()
            : LlmSettings.DEFAULT_TIMEOUT_SECONDS;
    Prices prices = Prices.of(settings.catalog());
    this.transport = OpenAiTransport.of(url, settings, apiKey, http);
    this.rateLimited = new RateLimitedExchange(transport, state.limiter, maxInFlight, sleeper);
    this.budgeted = new BudgetedExchange(rateLimited, state.budget, prices, settings.maxCostUsd());
    RetryingChat retrying =
        new RetryingChat(
            budgeted,
            new AttemptFailure(url, apiKey, ApiKeys.source(settings), state.structured),
            prices.catalog(),
            new RetryPolicy(settings.maxRetries(), wallClock),
            () -> RequestDeadline.start(nanoClock, settings.safeguards(), timeoutSeconds),
            sleeper,
            state.stop,
            state.deadEndpoint);
    // Extra threads so that requests sleeping in backoff or the rate limiter do not starve HTTP.
    ThreadedChat threaded =
        new ThreadedChat(new StopGate(retrying, state.stop, apiKey), 2 * maxInFlight);
    this.journaled =
        new JournaledChat(
            threaded,
            Journal.open(settings.cacheDir()),
            settings.journalEndpoint(),
            settings.refreshCache() ? state.journaledHere : null);
  }

  /** The chat-completions URL of these settings; a usage error without a base URL. */
  static String url(LlmSettings settings) {
    return ChatEndpoint.url(
        ChatEndpoint.trimSlash(settings.baseUrl()), "chat/completions", settings);
  }

  static int maxInFlight(LlmSettings settings) {
    return settings.maxInFlightRequests() > 0
        ? settings.maxInFlightRequests()
        : LlmSettings.DEFAULT_MAX_IN_FLIGHT;
  }

  /**
   * Refuses to send a key in clear text to anything but this machine (apiKey only tells whether a
   * key is set; it is never printed). Commands call it before starting a pipeline, so that the
   * refusal is a plain usage error (exit 2), not a worker failure. See {@link LoopbackGuard}.
   */
  public static void checkTransport(String baseUrl, String apiKey, boolean allowInsecureHttp) {
    new LoopbackGuard(LoopbackGuard.SYSTEM)
        .checkTransport(baseUrl, apiKey != null, allowInsecureHttp);
  }

  @Override
  public CompletableFuture<ChatResponse> complete(ChatRequest request) {
    return journaled.complete(request);
  }

  @Override
  public Map<String, Long> drainCounters() {
    Map<String, Long> m = new HashMap<>();
    transport.drainCounters(m);
    rateLimited.drainCounters(m);
    budgeted.drainCounters(m);
    m.put("journal_damaged_lines", journaled.drainDamagedLines());
    return m;
  }

  /** USD spent by this client (this JVM's share of the budget). */
  public double spentUsd() {
    return budgeted.spentUsd();
  }

  double rateFactor() {
    return rateLimited.rateFactor();
  }

  @Override
  public void close() {
    journaled.close();
  }

  @Override
  public String toString() {
    return "HttpChatClient{" + url + ", key " + (apiKey == null ? "none" : "set") + "}";
  }
}
