package org.medinstruct.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
public final class SimulatedLlmServer implements AutoCloseable {
  /** Every log line and banner carries this, so nobody mistakes it for the real service. */
  public static final String WHAT = "simulated LLM endpoint (test double for a paid API)";

  /** The owner its GET /v1/models names, by which a run recognises it behind --llmBaseUrl. */
  public static final String OWNER = "medinstruct-simulator";

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
  private final AtomicLong completions = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong promptTokens = new AtomicLong();
  private final AtomicLong completionTokens = new AtomicLong();
  private final AtomicLong largestBody = new AtomicLong();

  /** Released by {@link #close()}: requests held by {@link SimFault.Mode#HANG} wait on it. */
  private final CountDownLatch closed = new CountDownLatch(1);

  private final AtomicBoolean listening = new AtomicBoolean(true);
  private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
  private final Set<String> answeredBodies = ConcurrentHashMap.newKeySet();

  private SimulatedLlmServer(SimConfig config, SimBatchConfig batchConfig, SimFault fault)
      throws IOException {
    this.config = config;
    this.fault = fault;
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
        completions.get(),
        duplicates.get(),
        promptTokens.get(),
        completionTokens.get(),
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
          sendError(
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
        if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
          refuseKey(ex);
        } else {
          SimulatedBatchApi.Reply reply =
              batchApi.handle(
                  method,
                  path,
                  ex.getRequestURI().getRawQuery(),
                  ex.getRequestHeaders().getFirst("Content-Type"),
                  body);
          sendBytes(ex, reply.status(), reply.contentType(), reply.body());
        }
      } else if (path.equals("/v1/models") && method.equals("GET")) {
        // As at OpenAI: listing models needs a valid key (a preflight checks the key this way).
        if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
          refuseKey(ex);
        } else {
          send(ex, 200, models().toString());
        }
      } else if ((path.equals("/v1/stats") || path.equals("/stats")) && method.equals("GET")) {
        send(ex, 200, stats().toJson().toString());
      } else {
        sendError(
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
    if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
      refuseKey(ex);
      return;
    }
    RequestWindow.Decision d = window.tryAdmit(System.nanoTime());
    rateHeaders(ex, d);
    if (!d.admitted()) {
      ex.getResponseHeaders()
          .set("Retry-After", Long.toString(Math.max(1, (d.resetMillis() + 999) / 1000)));
      sendError(
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
      sendError(ex, 400, e.getMessage(), "invalid_request_error", null);
      return;
    }
    int promptTok = call.promptTokens();
    JsonObject refused = refusal(call, promptTok);
    if (refused != null) {
      send(ex, 400, refused.toString());
      return;
    }
    // Faults come from a per-arrival RNG, not the content RNG, so a retry of a body can succeed.
    SplittableRandom faults =
        new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + arrivals.incrementAndGet());
    int fault = faults.nextDouble() < config.faultRate() ? faults.nextInt(5) : -1;
    sleep(faults);
    switch (fault) {
      case 0 -> {
        ex.getResponseHeaders().set("Retry-After", "1");
        sendError(
            ex,
            429,
            "Rate limit reached for requests. Please try again in 1s.",
            "requests",
            "rate_limit_exceeded");
      }
      case 1 ->
          sendError(
              ex,
              500,
              "The server had an error while processing your request." + " Sorry about that!",
              "server_error",
              null);
      case 2 ->
          sendError(
              ex, 503, "The server is overloaded or not ready yet.", "server_error", "overloaded");
      case 3 -> {
        // Closing before sendResponseHeaders makes the JDK server drop the connection.
        dropped.incrementAndGet();
        ex.close();
      }
      case 4 -> {
        malformed.incrementAndGet();
        send(
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
          sendBytes(
              ex,
              200,
              "text/html",
              "<html><body><h1>502 Bad Gateway</h1></body></html>"
                  .getBytes(StandardCharsets.UTF_8));
        } else {
          send(
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
    sendError(
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
    send(ex, 200, completion(body, call, promptTok).toString());
  }

  /**
   * The 400 error body OpenAI would answer this request with before generating anything, or null: a
   * {@code response_format} when the config refuses it (an endpoint without structured output), or
   * prompt plus max_tokens over the context limit. Also used for Batch API lines.
   */
  JsonObject refusal(ChatCall call, int promptTok) {
    if (config.refuseResponseFormat() && call.responseFormat() != null) {
      return errorBody(
          "Invalid parameter: 'response_format' of type '"
              + call.responseFormat().get("type").getAsString()
              + "' is not supported with this model.",
          "invalid_request_error",
          "response_format",
          null);
    }
    int requested = call.maxTokens() == null ? 0 : call.maxTokens();
    if (config.contextLimitTokens() > 0 && promptTok + requested > config.contextLimitTokens()) {
      return errorBody(
          "This model's maximum context length is "
              + config.contextLimitTokens()
              + " tokens. However, you requested "
              + (promptTok + requested)
              + " tokens ("
              + promptTok
              + " in the messages, "
              + requested
              + " in the completion). Please reduce"
              + " the length of the messages or completion.",
          "invalid_request_error",
          "messages",
          "context_length_exceeded");
    }
    return null;
  }

  private static JsonObject errorBody(String message, String type, String param, String code) {
    JsonObject e = new JsonObject();
    e.addProperty("message", message);
    e.addProperty("type", type);
    if (param == null) {
      e.add("param", JsonNull.INSTANCE);
    } else {
      e.addProperty("param", param);
    }
    e.addProperty("code", code);
    JsonObject o = new JsonObject();
    o.add("error", e);
    return o;
  }

  /** The deterministic completion of a parsed request (also used for Batch API lines). */
  JsonObject completion(byte[] body, ChatCall call, int promptTok) {
    long seed = call.contentSeed() ^ config.seed();
    Pick pick = new Pick(new SplittableRandom(seed));
    String user = call.lastUserMessage();
    int first = InstructionWriter.firstNumber(user);
    String content;
    if (first >= 0 && call.wantsJsonSchema()) {
      // Structured output: the tasks as the schema's JSON object; the count from "List of N
      // tasks:".
      int count = InstructionWriter.structuredTaskCount(user, first);
      content =
          new InstructionWriter(pick, config.defectRate(), config.inputWords())
              .writeJson(user, count);
    } else if (first >= 0) {
      int count = InstructionWriter.taskCount(first, call.stop());
      content =
          new InstructionWriter(pick, config.defectRate(), config.inputWords())
              .write(user, first, count);
    } else {
      content = new ResponseWriter(pick, config.defectRate()).write(call.systemMessage(), user);
    }
    String finish = "stop";
    int cut = content.length();
    for (String s : call.stop()) {
      int at = s.isEmpty() ? -1 : content.indexOf(s);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    content = content.substring(0, cut);
    if (call.maxTokens() != null && Tokens.count(content) > call.maxTokens()) {
      content = Tokens.truncate(content, call.maxTokens());
      finish = "length";
    }
    int completionTok = Tokens.count(content);
    JsonObject msg = new JsonObject();
    msg.addProperty("role", "assistant");
    msg.addProperty("content", content);
    JsonObject choice = new JsonObject();
    choice.addProperty("index", 0);
    choice.add("message", msg);
    choice.addProperty("finish_reason", finish);
    JsonArray choices = new JsonArray();
    choices.add(choice);
    JsonObject usage = new JsonObject();
    usage.addProperty("prompt_tokens", promptTok);
    usage.addProperty("completion_tokens", completionTok);
    usage.addProperty("total_tokens", promptTok + completionTok);
    JsonObject out = new JsonObject();
    out.addProperty("id", "chatcmpl-" + Long.toHexString(seed));
    out.addProperty("object", "chat.completion");
    out.addProperty("created", System.currentTimeMillis() / 1000);
    out.addProperty("model", call.model());
    out.add("choices", choices);
    out.add("usage", usage);
    out.addProperty("system_fingerprint", "fp_simulated");
    completions.incrementAndGet();
    promptTokens.addAndGet(promptTok);
    completionTokens.addAndGet(completionTok);
    if (!answeredBodies.add(sha256Hex(body))) {
      duplicates.incrementAndGet();
    }
    return out;
  }

  private boolean authorized(String header) {
    if (config.requiredApiKey() == null) {
      return true;
    }
    String expected = "Bearer " + config.requiredApiKey();
    return header != null
        && MessageDigest.isEqual(
            header.trim().getBytes(StandardCharsets.UTF_8),
            expected.getBytes(StandardCharsets.UTF_8));
  }

  private void sleep(SplittableRandom r) {
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

  private void rateHeaders(HttpExchange ex, RequestWindow.Decision d) {
    boolean limited = config.requestsPerMinute() > 0;
    var h = ex.getResponseHeaders();
    h.set("x-ratelimit-limit-requests", Integer.toString(limited ? d.limit() : 1_000_000));
    h.set("x-ratelimit-remaining-requests", Integer.toString(limited ? d.remaining() : 1_000_000));
    h.set("x-ratelimit-reset-requests", limited ? duration(d.resetMillis()) : "0s");
  }

  /** OpenAI's reset format: "850ms", "12s", "1m0s". */
  static String duration(long ms) {
    if (ms < 1000) {
      return ms + "ms";
    }
    long s = (ms + 999) / 1000;
    return s < 60 ? s + "s" : (s / 60) + "m" + (s % 60) + "s";
  }

  private void sendError(HttpExchange ex, int status, String message, String type, String code)
      throws IOException {
    JsonObject e = new JsonObject();
    e.addProperty("message", message);
    e.addProperty("type", type);
    e.add("param", JsonNull.INSTANCE);
    e.addProperty("code", code);
    JsonObject o = new JsonObject();
    o.add("error", e);
    send(ex, status, o.toString());
  }

  private void sendBytes(HttpExchange ex, int status, String contentType, byte[] bytes)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("x-simulated", WHAT);
    byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  /** The Batch API half of this endpoint (files, batches), for settings and statistics. */
  public SimulatedBatchApi batchApi() {
    return batchApi;
  }

  private void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("x-simulated", WHAT);
    byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  private static JsonObject models() {
    JsonArray data = new JsonArray();
    for (String id : MODELS) {
      JsonObject m = new JsonObject();
      m.addProperty("id", id);
      m.addProperty("object", "model");
      m.addProperty("created", 1_700_000_000L);
      m.addProperty("owned_by", OWNER);
      data.add(m);
    }
    JsonObject o = new JsonObject();
    o.addProperty("object", "list");
    o.add("data", data);
    return o;
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
