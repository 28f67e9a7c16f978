package org.medinstruct.pipeline;

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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat-completions endpoint on a real loopback socket that records every
 * request body and answers with {@code content.apply(body)} (finish_reason "stop").
 */
final class FakeOpenAi implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final List<JsonObject> bodies = new CopyOnWriteArrayList<>();
  private final Function<JsonObject, String> content;

  FakeOpenAi(Function<JsonObject, String> content) throws IOException {
    this.content = content;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  List<JsonObject> bodies() {
    return List.copyOf(bodies);
  }

  static String lastMessage(JsonObject body) {
    JsonArray m = body.getAsJsonArray("messages");
    return m.get(m.size() - 1).getAsJsonObject().get("content").getAsString();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      JsonObject body =
          JsonParser.parseString(
                  new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
              .getAsJsonObject();
      bodies.add(body);
      JsonObject message = new JsonObject();
      message.addProperty("role", "assistant");
      message.addProperty("content", content.apply(body));
      JsonObject choice = new JsonObject();
      choice.addProperty("index", 0);
      choice.add("message", message);
      choice.addProperty("finish_reason", "stop");
      JsonArray choices = new JsonArray();
      choices.add(choice);
      JsonObject usage = new JsonObject();
      usage.addProperty("prompt_tokens", 100);
      usage.addProperty("completion_tokens", 50);
      JsonObject reply = new JsonObject();
      reply.add("choices", choices);
      reply.add("usage", usage);
      byte[] bytes = reply.toString().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
