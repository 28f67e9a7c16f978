package org.medinstruct.llm;

import com.google.api.client.util.Clock;
import com.google.api.client.util.ExponentialBackOff;
import com.google.api.client.util.NanoClock;
import com.google.api.client.util.Sleeper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenAI chat-completions client: journal first, then budget, rate limit, in-flight limit, HTTP,
 * and the single retry loop ({@link RetryPolicy}).
 *
 * <p>Input: {@link ChatRequest}. Output: a future {@link ChatResponse}, from the journal ({@code
 * fromCache}, attempts 0, no HTTP) or from the endpoint (journaled before the future completes).
 * Failure: the future fails with {@link LlmException} (status, retryable, attempts); no message
 * contains the API key. Identical requests in flight at once are sent once.
 */
public final class HttpChatClient implements ChatClient, ClientCounters {
  private static final Logger LOG = LoggerFactory.getLogger(HttpChatClient.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final LlmSettings settings;
  private final String url;
  private final Map<String, String> headers;
  private final String apiKey;
  private final LlmHttp http;
  private final NanoClock nanoClock;
  private final Sleeper sleeper;
  private final RetryPolicy retry;
  private final RateLimiter limiter;
  private final Semaphore inFlight;
  private final ExecutorService executor;
  private final Budget budget;
  private final StructuredFallback structured;
  private final Prices prices;
  private final Journal journal;
  private final int timeoutSeconds;
  private final SystemicStop stop;
  private final DeadEndpoint deadEndpoint;
  private final Map<String, CompletableFuture<ChatResponse>> pending = new ConcurrentHashMap<>();

  /** With refreshCache, only completions journaled by this instance are served from the journal. */
  private final Set<String> journaledHere = ConcurrentHashMap.newKeySet();

  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong http429 = new AtomicLong();
  private final AtomicLong spendMicros = new AtomicLong();

  /** The production client: real HTTP, system clocks, real sleeping, key from env or file. */
  public static HttpChatClient create(LlmSettings settings) {
    return new HttpChatClient(
        settings,
        ApiKeys.resolve(settings),
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
    this.settings = settings;
    String base = trimSlash(settings.baseUrl());
    checkTransport(base, apiKey, settings.allowInsecureHttp());
    this.url = ChatEndpoint.url(base, "chat/completions", settings);
    this.apiKey = apiKey;
    this.headers = ChatEndpoint.authHeaders(settings, apiKey);
    // Plain http with a key: the host is checked again, and pinned, on every connection.
    this.http =
        LoopbackPinnedHttp.wrapIfNeeded(
            http,
            url,
            apiKey != null,
            settings.allowInsecureHttp(),
            new LoopbackGuard(LoopbackGuard.SYSTEM));
    this.nanoClock = nanoClock;
    this.sleeper = sleeper;
    this.retry = new RetryPolicy(settings.maxRetries(), wallClock);
    this.limiter =
        new RateLimiter(
            settings.perWorker(settings.requestsPerMinute()),
            settings.perWorker(settings.tokensPerMinute()),
            settings.workerCount(),
            nanoClock);
    int maxInFlight =
        settings.maxInFlightRequests() > 0
            ? settings.maxInFlightRequests()
            : LlmSettings.DEFAULT_MAX_IN_FLIGHT;
    this.inFlight = new Semaphore(maxInFlight, true);
    // Extra threads so that requests sleeping in backoff or the rate limiter do not starve HTTP.
    int threads = 2 * maxInFlight;
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "llm-client-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    this.executor = pool;
    this.budget = new Budget(settings.perWorker(settings.maxCostUsd()));
    this.structured = new StructuredFallback(url);
    this.prices = Prices.of(settings.catalog());
    this.timeoutSeconds =
        settings.requestTimeoutSeconds() > 0
            ? settings.requestTimeoutSeconds()
            : LlmSettings.DEFAULT_TIMEOUT_SECONDS;
    this.journal = Journal.open(settings.cacheDir());
    this.deadEndpoint = new DeadEndpoint(nanoClock);
    this.stop =
        new SystemicStop(
            settings.stop(),
            settings.progressDir(),
            apiKey != null,
            url,
            keySource(),
            wallClock::currentTimeMillis);
  }

  private static String trimSlash(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("LLM baseUrl is not set (e.g. https://api.openai.com/v1)");
    }
    String b = baseUrl.strip();
    return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
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
    if (request == null || request.messages() == null || request.model() == null) {
      return CompletableFuture.failedFuture(
          new LlmException("invalid request: model and messages are required", 0, false, 0));
    }
    String key = Journal.key(settings.journalEndpoint(), request);
    ChatResponse cached = journal.get(key);
    if (cached != null && (!settings.refreshCache() || journaledHere.contains(key))) {
      return CompletableFuture.completedFuture(cached);
    }
    return pending.computeIfAbsent(
        key,
        k -> {
          CompletableFuture<ChatResponse> f = new CompletableFuture<>();
          executor.execute(() -> run(k, request, f));
          return f;
        });
  }

  private void run(String key, ChatRequest request, CompletableFuture<ChatResponse> future) {
    ChatResponse result = null;
    LlmException error = null;
    boolean probe = false;
    try {
      probe = stop.admit();
      result = send(key, request);
    } catch (LlmException e) {
      error = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = new LlmException("interrupted", 0, true, 0);
    } catch (RuntimeException | Error e) {
      // Whatever happens, the future completes: a caller waiting on it must never hang.
      error =
          new LlmException(
              "unexpected "
                  + e.getClass().getSimpleName()
                  + ": "
                  + ApiKeys.redact(e.getMessage(), apiKey),
              0,
              true,
              0);
    }
    stop.release(probe, error);
    // Leave the coalescing map first: a later identical request then reads the journal or sends
    // anew.
    pending.remove(key, future);
    if (error == null) {
      future.complete(result);
    } else {
      future.completeExceptionally(error);
    }
  }

  private ChatResponse send(String key, ChatRequest original) throws InterruptedException {
    ExponentialBackOff caps = RetryPolicy.newCaps();
    ChatRequest request = original;
    int attempts = 0;
    RequestDeadline deadline =
        RequestDeadline.start(nanoClock, settings.safeguards(), timeoutSeconds);
    while (true) {
      stop.check();
      if (budget.limitUsd() > 0 && !prices.isPriced(request.model())) {
        // Commands refuse this before the run; a client built another way must not spend blindly.
        throw new LlmException(
            "model "
                + request.model()
                + " has no price, so maxCostUsd cannot hold"
                + " (add it to a models file)",
            0,
            false,
            attempts);
      }
      request = structured.apply(request);
      String body = OpenAiProtocol.requestBody(request, prices.catalog().spec(request.model()));
      RequestDeadline.checkBodySize(body, url, attempts);
      double reservation = prices.worstCase(request);
      if (!budget.tryReserve(reservation)) {
        throw new LlmException(
            String.format(
                java.util.Locale.ROOT,
                "budget exhausted: spent $%.4f of this worker's $%.4f share of maxCostUsd %.4f",
                budget.spentUsd(),
                budget.limitUsd(),
                settings.maxCostUsd()),
            0,
            true,
            attempts,
            org.medinstruct.model.FailureKind.BUDGET);
      }
      RateLimiter.Ticket ticket = limiter.reserve(RateLimiter.estimateTokens(request));
      if (ticket.waitNanos() > 0) {
        sleeper.sleep(TimeUnit.NANOSECONDS.toMillis(ticket.waitNanos() + 999_999));
      }
      LlmHttp.Response response = null;
      IOException ioError = null;
      inFlight.acquire();
      try {
        attempts++;
        requests.incrementAndGet();
        if (attempts > 1) {
          retries.incrementAndGet();
        }
        response = http.post(url, headers, body, deadline.attemptTimeoutSeconds());
      } catch (IOException e) {
        ioError = e;
        deadEndpoint.failed(e);
      } finally {
        inFlight.release();
      }
      String error;
      int status = 0;
      boolean retryable;
      if (response == null) {
        budget.release(reservation);
        error =
            "no response from "
                + url
                + ": "
                + ioError.getClass().getSimpleName()
                + (ioError.getMessage() == null
                    ? ""
                    : " " + ApiKeys.redact(ioError.getMessage(), apiKey));
        retryable = true;
      } else {
        deadEndpoint.answered();
        limiter.onHeaders(response, ticket);
        status = response.status();
        if (status == 200) {
          try {
            ChatResponse done = OpenAiProtocol.parseCompletion(response.body(), attempts);
            double cost =
                prices.cost(request.model(), done.promptTokens(), done.completionTokens());
            budget.settle(reservation, cost);
            spendMicros.addAndGet(Math.round(cost * 1e6));
            limiter.onSuccess();
            record(key, original, done);
            return done;
          } catch (IllegalArgumentException malformed) {
            budget.release(reservation);
            limiter.onOtherResponse();
            error = "HTTP 200 from " + url + " with " + malformed.getMessage();
            retryable = true;
          }
        } else {
          budget.release(reservation);
          if (status == 429) {
            http429.incrementAndGet();
            limiter.on429(response);
          } else {
            limiter.onOtherResponse();
          }
          if (status == 401 || status == 403) {
            throw new LlmException(
                "authentication failed (HTTP "
                    + status
                    + ") at "
                    + url
                    + ": check the API key ("
                    + keySource()
                    + ")",
                status,
                false,
                attempts);
          }
          String detail = ApiKeys.redact(OpenAiProtocol.errorMessage(response.body()), apiKey);
          error = "HTTP " + status + " from " + url + ": " + detail;
          if (structured.refusedBy(request, status, response.body())) {
            continue; // sent again at once as plain text
          }
          if (OpenAiProtocol.isContextLengthError(status, response.body())) {
            int reduced = (int) (request.maxTokens() * 0.8);
            if (reduced < 1 || attempts > retry.maxRetries()) {
              throw new LlmException(
                  error + " (max_tokens " + request.maxTokens() + ")",
                  status,
                  false,
                  attempts,
                  org.medinstruct.model.FailureKind.BAD_REQUEST);
            }
            LOG.info(
                "context length exceeded; retrying with max_tokens {} (was {})",
                reduced,
                request.maxTokens());
            request = request.withMaxTokens(reduced);
            continue;
          }
          retryable = RetryPolicy.retryableStatus(status);
        }
      }
      if (!retryable) {
        throw new LlmException(
            error, status, false, attempts, OpenAiProtocol.failureKind(status, response.body()));
      }
      if (attempts > retry.maxRetries()) {
        throw new LlmException(
            error + " (gave up after " + attempts + " attempts)",
            status,
            true,
            attempts,
            org.medinstruct.model.FailureKind.ofStatus(status));
      }
      long minimum = status == 429 ? TimeUnit.NANOSECONDS.toMillis(limiter.resetNanos()) : 0;
      long wait = retry.waitMillis(caps, response, minimum);
      LOG.debug("attempt {} failed ({}); retrying in {} ms", attempts, error, wait);
      deadline.checkRetry(wait, error, status, attempts);
      if (response == null && deadEndpoint.dead()) {
        throw new LlmException(
            error
                + " (gave up after "
                + attempts
                + " attempts: every connection refused for "
                + DeadEndpoint.DEAD_AFTER_SECONDS
                + " s, the endpoint is down)",
            0,
            true,
            attempts,
            org.medinstruct.model.FailureKind.UNREACHABLE);
      }
      if (wait > 0) {
        sleeper.sleep(wait);
      }
    }
  }

  private String keySource() {
    if (settings.apiKeyFile() != null && !settings.apiKeyFile().isBlank()) {
      return "file " + settings.apiKeyFile();
    }
    return "env "
        + (settings.apiKeyEnv() == null || settings.apiKeyEnv().isBlank()
            ? "OPENAI_API_KEY"
            : settings.apiKeyEnv());
  }

  private void record(String key, ChatRequest request, ChatResponse response) {
    try {
      journal.put(key, request, response);
      journaledHere.add(key);
    } catch (IOException e) {
      // The completion is still returned; only its reuse on a rerun is lost.
      LOG.warn(
          "could not journal a completion ({}): a rerun will request it again", e.getMessage());
    }
  }

  @Override
  public Map<String, Long> drainCounters() {
    Map<String, Long> m = new HashMap<>();
    m.put("requests", requests.getAndSet(0));
    m.put("retries", retries.getAndSet(0));
    m.put("http_429", http429.getAndSet(0));
    m.put("spend_micro_usd", spendMicros.getAndSet(0));
    m.put("journal_damaged_lines", journal.drainDamagedLines());
    return m;
  }

  /** USD spent by this client (this JVM's share of the budget). */
  public double spentUsd() {
    return budget.spentUsd();
  }

  double rateFactor() {
    return limiter.factor();
  }

  @Override
  public void close() {
    executor.shutdown();
    journal.close();
  }

  @Override
  public String toString() {
    return "HttpChatClient{" + url + ", key " + (apiKey == null ? "none" : "set") + "}";
  }
}
