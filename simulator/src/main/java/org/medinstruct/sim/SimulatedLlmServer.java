package org.medinstruct.sim;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.medinstruct.endpoint.SimulatedEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated OpenAI-compatible chat-completions endpoint on 127.0.0.1: a test double for a paid
 * API, used by tests, benchmarks and the no-API-key default of the pipeline.
 *
 * <p>Serves {@code POST /v1/chat/completions}, {@code GET /v1/models} and {@code GET /v1/stats}
 * (also {@code /stats}), and the Batch API ({@code /v1/files}, {@code /v1/batches}; see {@link
 * SimulatedBatchApi}). Completions are deterministic: the same model, messages and sampling
 * parameters always give the same content (seeded from a SHA-256 of them and the config seed);
 * prompts ending in "N. Type:" get AlpaCare-style generated tasks ({@link InstructionWriter}), all
 * others a medical answer ({@link ResponseWriter}). Failure outputs, in OpenAI's error shape: 401
 * (wrong or missing key, never echoed), 429 over the requests-per-minute window, 400 for a bad body
 * or an over-long context, and injected faults at {@code faultRate} (429, 500, 503, dropped
 * connection, malformed 200) drawn from a per-arrival RNG so that a retry can succeed. A lasting
 * {@link SimFault} (hang, die, 401, garbage) makes it a broken endpoint for fault tests.
 */
public final class SimulatedLlmServer implements SimulatedEndpoint {
  /** Every log line and banner carries this, so nobody mistakes it for the real service. */
  public static final String WHAT = "simulated LLM endpoint (test double for a paid API)";

  /** The owner its GET /v1/models names, by which a run recognises it behind --llmBaseUrl. */
  public static final String OWNER = SimulatedEndpoint.OWNER;

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedLlmServer.class);
  private static final List<String> MODELS =
      List.of("gpt-4", "gpt-4-0613", "gpt-4o-mini", "gpt-3.5-turbo", "gpt-3.5-turbo-0125");

  static {
    // Without TCP_NODELAY, Nagle's algorithm and delayed ACKs add ~40 ms to every keep-alive
    // response of the JDK server. Read once, when the JDK server classes load.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final SimConfig config;
  private final SimFault fault;
  private final SimulatedBatchApi batchApi;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final RequestWindow window;
  private final AtomicLong arrivals = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong chatRequests = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong largestBody = new AtomicLong();

  /** Released by {@link #close()}: requests held by {@link SimFault.Mode#HANG} wait on it. */
  private final CountDownLatch closed = new CountDownLatch(1);

  private final AtomicBoolean listening = new AtomicBoolean(true);
  private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
  private final Completions completions;
  private final HttpReplies replies = new HttpReplies(byStatus);
  private final EndpointPolicy policy;

  private SimulatedLlmServer(SimConfig config, SimBatchConfig batchConfig, SimFault fault)
      throws IOException {
    this.config = config;
    this.fault = fault;
    this.completions = new Completions(config);
    this.policy = new EndpointPolicy(config);
    this.batchApi = new SimulatedBatchApi(this, batchConfig);
    this.window = new RequestWindow(config.requestsPerMinute());
    AtomicInteger n = new AtomicInteger();
    // Many threads, because each one sleeps for the simulated latency.
    this.executor =
        new ThreadPoolExecutor(
            512,
            512,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "sim-llm-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    this.server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 1024);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static SimulatedLlmServer start(SimConfig config) {
    return start(config, SimBatchConfig.defaults());
  }

  /** With Batch API behaviour (delay, failed lines, expired batches) from {@code batchConfig}. */
  public static SimulatedLlmServer start(SimConfig config, SimBatchConfig batchConfig) {
    return start(config, batchConfig, SimFault.none());
  }

  /** A broken endpoint: {@code fault} starts after its first requests (see {@link SimFault}). */
  public static SimulatedLlmServer start(SimConfig config, SimFault fault) {
    return start(config, SimBatchConfig.defaults(), fault);
  }

  public static SimulatedLlmServer start(
      SimConfig config, SimBatchConfig batchConfig, SimFault fault) {
    try {
      SimulatedLlmServer s = new SimulatedLlmServer(config, batchConfig, fault);
      LOG.info(
          "{} at {} ({}{})",
          WHAT,
          s.baseUrl(),
          config,
          fault.mode() == SimFault.Mode.NONE ? "" : ", fault " + fault);
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(
          WHAT + ": cannot listen on 127.0.0.1:" + config.port() + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** For example "http://127.0.0.1:41234/v1". */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  public SimConfig config() {
    return config;
  }

  public SimFault fault() {
    return fault;
  }

  public SimStats stats() {
    Map<Integer, Long> status = new HashMap<>();
    byStatus.forEach((k, v) -> status.put(k, v.sum()));
    return new SimStats(
        requests.get(),
        chatRequests.get(),
        status,
        dropped.get(),
        malformed.get(),
        completions.completions(),
        completions.duplicates(),
        completions.promptTokens(),
        completions.completionTokens(),
        largestBody.get());
  }

  @Override
  public void close() {
    closed.countDown();
    stopListening();
    executor.shutdownNow();
    LOG.info("{} at {} stopped", WHAT, baseUrl());
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      largestBody.accumulateAndGet(body.length, Math::max);
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (path.equals("/v1/chat/completions")) {
        if (!method.equals("POST")) {
          replies.sendError(
              ex,
              405,
              "Method " + method + " not allowed; use POST.",
              "invalid_request_error",
              "method_not_allowed");
        } else {
          long arrival = chatRequests.incrementAndGet();
          if (fault.hits(arrival)) {
            playFault(ex, arrival);
          } else {
            chat(ex, body);
          }
        }
      } else if (fault.mode() == SimFault.Mode.UNAUTHORIZED
          && fault.hits(chatRequests.get() + 1)
          && !path.endsWith("/stats")) {
        refuseKey(ex);
      } else if (path.startsWith("/v1/files") || path.startsWith("/v1/batches")) {
        if (!policy.authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
          refuseKey(ex);
        } else {
          SimulatedBatchApi.Reply reply =
              batchApi.handle(
                  method,
                  path,
                  ex.getRequestURI().getRawQuery(),
                  ex.getRequestHeaders().getFirst("Content-Type"),
                  body);
          replies.sendBytes(ex, reply.status(), reply.contentType(), reply.body());
        }
      } else if (path.equals("/v1/models") && method.equals("GET")) {
        // As at OpenAI: listing models needs a valid key (a preflight checks the key this way).
        if (!policy.authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
          refuseKey(ex);
        } else {
          replies.send(ex, 200, HttpReplies.models(MODELS).toString());
        }
      } else if ((path.equals("/v1/stats") || path.equals("/stats")) && method.equals("GET")) {
        replies.send(ex, 200, stats().toJson().toString());
      } else {
        replies.sendError(
            ex,
            404,
            "Unknown request URL: " + method + " " + path + ".",
            "invalid_request_error",
            "unknown_url");
      }
    } catch (RuntimeException e) {
      LOG.warn("{}: internal error: {}", WHAT, e.toString());
      throw e;
    }
  }

  private void chat(HttpExchange ex, byte[] body) throws IOException {
    if (!policy.authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
      refuseKey(ex);
      return;
    }
    RequestWindow.Decision d = window.tryAdmit(System.nanoTime());
    policy.rateHeaders(ex, d);
    if (!d.admitted()) {
      ex.getResponseHeaders()
          .set("Retry-After", Long.toString(Math.max(1, (d.resetMillis() + 999) / 1000)));
      replies.sendError(
          ex,
          429,
          "Rate limit reached for requests: limit "
              + d.limit()
              + " requests per minute. Please try again later.",
          "requests",
          "rate_limit_exceeded");
      return;
    }
    ChatCall call;
    try {
      call = ChatCall.parse(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      replies.sendError(ex, 400, e.getMessage(), "invalid_request_error", null);
      return;
    }
    int promptTok = call.promptTokens();
    JsonObject refused = refusal(call, promptTok);
    if (refused != null) {
      replies.send(ex, 400, refused.toString());
      return;
    }
    // Faults come from a per-arrival RNG, not the content RNG, so a retry of a body can succeed.
    SplittableRandom faults =
        new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + arrivals.incrementAndGet());
    int fault = faults.nextDouble() < config.faultRate() ? faults.nextInt(5) : -1;
    policy.sleep(faults);
    switch (fault) {
      case 0 -> {
        ex.getResponseHeaders().set("Retry-After", "1");
        replies.sendError(
            ex,
            429,
            "Rate limit reached for requests. Please try again in 1s.",
            "requests",
            "rate_limit_exceeded");
      }
      case 1 ->
          replies.sendError(
              ex,
              500,
              "The server had an error while processing your request." + " Sorry about that!",
              "server_error",
              null);
      case 2 ->
          replies.sendError(
              ex, 503, "The server is overloaded or not ready yet.", "server_error", "overloaded");
      case 3 -> {
        // Closing before sendResponseHeaders makes the JDK server drop the connection.
        dropped.incrementAndGet();
        ex.close();
      }
      case 4 -> {
        malformed.incrementAndGet();
        replies.send(
            ex,
            200,
            "{\"id\":\"chatcmpl-sim\",\"object\":\"chat.completion\",\"choices\":"
                + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"The answ");
      }
      default -> complete(ex, body, call, promptTok);
    }
  }

  /** A chat request once the lasting fault has started (see {@link SimFault}). */
  private void playFault(HttpExchange ex, long arrival) throws IOException {
    switch (fault.mode()) {
      case HANG -> {
        try {
          closed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      case DIE -> {
        dropped.incrementAndGet();
        LOG.info("{} at {}: dying after {} chat requests (fault)", WHAT, baseUrl(), fault.after());
        // Not from this handler thread: stop() waits for the server's dispatcher.
        Thread t = new Thread(this::stopListening, "sim-llm-die");
        t.setDaemon(true);
        t.start();
      }
      case UNAUTHORIZED -> refuseKey(ex);
      case GARBAGE -> {
        malformed.incrementAndGet();
        if (arrival % 2 == 0) {
          replies.sendBytes(
              ex,
              200,
              "text/html",
              "<html><body><h1>502 Bad Gateway</h1></body></html>"
                  .getBytes(StandardCharsets.UTF_8));
        } else {
          replies.send(
              ex,
              200,
              "{\"id\":\"chatcmpl-sim\",\"object\":\"chat.completion\",\"choices\":"
                  + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"The answ");
        }
      }
      default -> throw new IllegalStateException("no fault to play: " + fault);
    }
  }

  private void refuseKey(HttpExchange ex) throws IOException {
    replies.sendError(
        ex,
        401,
        "Incorrect API key provided. The key is not shown for your safety.",
        "invalid_request_error",
        "invalid_api_key");
  }

  /** Closes the listening socket and every open connection (once). */
  private void stopListening() {
    if (listening.compareAndSet(true, false)) {
      server.stop(0);
    }
  }

  private void complete(HttpExchange ex, byte[] body, ChatCall call, int promptTok)
      throws IOException {
    replies.send(ex, 200, completion(body, call, promptTok).toString());
  }

  /** See {@link Completions#refusal}; also used for Batch API lines. */
  JsonObject refusal(ChatCall call, int promptTok) {
    return completions.refusal(call, promptTok);
  }

  /** See {@link Completions#completion}; also used for Batch API lines. */
  JsonObject completion(byte[] body, ChatCall call, int promptTok) {
    return completions.completion(body, call, promptTok);
  }

  /** The Batch API half of this endpoint (files, batches), for settings and statistics. */
  public SimulatedBatchApi batchApi() {
    return batchApi;
  }
}
