package org.medinstruct.llm.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback OpenAI-style endpoint for the benchmark: fixed latency, a requests-per-minute limit
 * enforced as a token bucket holding one second of requests (429 with Retry-After, retry-after-ms
 * and x-ratelimit-* headers), and a share of injected faults (429, 500, 503, dropped connection,
 * malformed JSON) among admitted requests. Every admitted request counts against the limit, as with
 * real providers.
 */
final class BenchServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "bench-server");
            t.setDaemon(true);
            return t;
          });
  private final long latencyMillis;
  private final double rpm;
  private final double faultRate;
  private final Random random = new Random(42);
  private double tokens;
  private long lastNanos = System.nanoTime();

  final AtomicLong arrived = new AtomicLong();
  final AtomicLong firstArrivalNanos = new AtomicLong();
  final AtomicLong lastCompletionNanos = new AtomicLong();
  final AtomicLong rateLimited = new AtomicLong();
  final AtomicLong injected = new AtomicLong();
  final AtomicLong completed = new AtomicLong();

  /**
   * Requests answered with a good completion, by prompt; a second arrival means a re-sent completed
   * request.
   */
  final Map<String, Integer> completions = new ConcurrentHashMap<>();

  final AtomicLong resentCompleted = new AtomicLong();

  BenchServer(long latencyMillis, int rpm, double faultRate) throws IOException {
    this.latencyMillis = latencyMillis;
    this.rpm = rpm;
    this.faultRate = faultRate;
    this.tokens = capacity();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private double capacity() {
    return rpm / 60.0;
  }

  /**
   * Takes a token if one is there; returns remaining tokens, or -(millis until one is) when empty.
   */
  private synchronized double admit() {
    long now = System.nanoTime();
    tokens = Math.min(capacity(), tokens + (now - lastNanos) / 1e9 * rpm / 60.0);
    lastNanos = now;
    if (tokens >= 1) {
      tokens -= 1;
      return tokens;
    }
    return -Math.max(1, (1 - tokens) / (rpm / 60.0) * 1000);
  }

  private synchronized int fault() {
    return random.nextDouble() < faultRate ? 1 + random.nextInt(5) : 0;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (arrived.incrementAndGet() == 1) {
      firstArrivalNanos.set(System.nanoTime());
    }
    double admitted = admit();
    if (admitted < 0) {
      rateLimited.incrementAndGet();
      long waitMillis = (long) Math.ceil(-admitted);
      exchange
          .getResponseHeaders()
          .add("Retry-After", String.valueOf((long) Math.ceil(waitMillis / 1000.0)));
      exchange.getResponseHeaders().add("retry-after-ms", String.valueOf(waitMillis));
      rateHeaders(exchange, 0);
      send(
          exchange,
          429,
          "{\"error\":{\"message\":\"Rate limit reached\",\"code\":\"rate_limit_exceeded\"}}");
      return;
    }
    rateHeaders(exchange, admitted);
    sleep(latencyMillis);
    int fault = fault();
    if (fault > 0) {
      injected.incrementAndGet();
    }
    switch (fault) {
      case 1 ->
          send(
              exchange,
              429,
              "{\"error\":{\"message\":\"injected rate limit\",\"code\":\"rate_limit_exceeded\"}}");
      case 2 ->
          send(exchange, 500, "{\"error\":{\"message\":\"injected\",\"code\":\"server_error\"}}");
      case 3 -> send(exchange, 503, "<html>injected overload</html>");
      case 4 -> throw new IOException("injected connection drop");
      case 5 -> send(exchange, 200, "{\"choices\":[{\"message\":{\"content\":");
      default -> {
        JsonArray messages =
            JsonParser.parseString(body).getAsJsonObject().getAsJsonArray("messages");
        String prompt =
            messages.get(messages.size() - 1).getAsJsonObject().get("content").getAsString();
        if (completions.merge(prompt, 1, Integer::sum) > 1) {
          resentCompleted.incrementAndGet();
        }
        completed.incrementAndGet();
        send(exchange, 200, completion("answer to " + prompt));
        lastCompletionNanos.set(System.nanoTime());
      }
    }
  }

  private void rateHeaders(HttpExchange exchange, double remaining) {
    var h = exchange.getResponseHeaders();
    h.add("x-ratelimit-limit-requests", String.valueOf((long) rpm));
    h.add("x-ratelimit-remaining-requests", String.valueOf((long) Math.floor(remaining)));
    double toFullMillis = (capacity() - remaining) / (rpm / 60.0) * 1000;
    h.add(
        "x-ratelimit-reset-requests",
        String.format(Locale.ROOT, "%dms", (long) Math.ceil(toFullMillis)));
  }

  private static String completion(String content) {
    JsonObject message = new JsonObject();
    message.addProperty("role", "assistant");
    message.addProperty("content", content);
    JsonObject choice = new JsonObject();
    choice.add("message", message);
    choice.addProperty("finish_reason", "stop");
    JsonArray choices = new JsonArray();
    choices.add(choice);
    JsonObject usage = new JsonObject();
    usage.addProperty("prompt_tokens", 50);
    usage.addProperty("completion_tokens", 20);
    JsonObject root = new JsonObject();
    root.add("choices", choices);
    root.add("usage", usage);
    return root.toString();
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
