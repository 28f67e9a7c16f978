package org.medinstruct.llm;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A scripted OpenAI-style endpoint on a real loopback socket: queue responses (script), run the
 * client, then verify the requests that arrived. When the script is empty, a responder function
 * answers (by default: a completion echoing the last message).
 */
final class ScriptedServer implements AutoCloseable {
  /** One scripted reply. */
  interface Reply {
    void send(HttpExchange exchange) throws IOException;
  }

  /** A request as it arrived. */
  record Received(
      Map<String, List<String>> headers, String body, String path, String query, String remote) {
    JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }

    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    String lastMessage() {
      var messages = json().getAsJsonArray("messages");
      return messages.get(messages.size() - 1).getAsJsonObject().get("content").getAsString();
    }
  }

  private final HttpServer server;
  private final String prefix;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile Function<Received, Reply> responder = r -> ok("echo: " + r.lastMessage(), 10, 5);

  ScriptedServer() throws IOException {
    this("/v1");
  }

  /**
   * A server whose chat endpoint is {@code <prefix>/chat/completions} (e.g. an Azure deployment
   * path).
   */
  ScriptedServer(String prefix) throws IOException {
    this.prefix = prefix;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(prefix + "/chat/completions", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
  }

  ScriptedServer enqueue(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  ScriptedServer respondWith(Function<Received, Reply> f) {
    responder = f;
    return this;
  }

  List<Received> received() {
    return new ArrayList<>(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Received r =
        new Received(
            Map.copyOf(exchange.getRequestHeaders()),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawQuery(),
            exchange.getRemoteAddress().toString());
    received.add(r);
    Reply reply = script.poll();
    (reply != null ? reply : responder.apply(r)).send(exchange);
  }

  static Reply ok(String content, long promptTokens, long completionTokens) {
    JsonObject body = new JsonObject();
    var choices = new com.google.gson.JsonArray();
    JsonObject choice = new JsonObject();
    JsonObject message = new JsonObject();
    message.addProperty("role", "assistant");
    message.addProperty("content", content);
    choice.add("message", message);
    choice.addProperty("finish_reason", "stop");
    choice.addProperty("index", 0);
    choices.add(choice);
    body.add("choices", choices);
    JsonObject usage = new JsonObject();
    usage.addProperty("prompt_tokens", promptTokens);
    usage.addProperty("completion_tokens", completionTokens);
    body.add("usage", usage);
    return status(200, body.toString());
  }

  static Reply status(int code, String body, String... headerPairs) {
    return exchange -> {
      for (int i = 0; i + 1 < headerPairs.length; i += 2) {
        exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(code, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    };
  }

  static Reply error(int code, String type, String message, String... headerPairs) {
    JsonObject error = new JsonObject();
    JsonObject inner = new JsonObject();
    inner.addProperty("message", message);
    inner.addProperty("code", type);
    error.add("error", inner);
    return status(code, error.toString(), headerPairs);
  }

  static Reply contextLength() {
    return error(
        400,
        "context_length_exceeded",
        "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens.");
  }

  static Reply malformed() {
    return status(200, "{\"choices\": [ {\"message\": ");
  }

  /** Closes the connection without any response. */
  static Reply drop() {
    return exchange -> {
      // The JDK server closes the connection when a handler fails before sending headers.
      throw new IOException("scripted connection drop");
    };
  }

  /** Holds the reply until the latch opens (for coalescing tests; no timing involved). */
  static Reply after(CountDownLatch latch, Reply then) {
    return exchange -> {
      try {
        latch.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      then.send(exchange);
    };
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
