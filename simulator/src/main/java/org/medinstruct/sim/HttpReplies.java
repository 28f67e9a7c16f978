package org.medinstruct.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes the simulated endpoint's HTTP replies: every one marked {@code x-simulated} (a test double
 * for a paid API) and counted by status; errors in OpenAI's shape; the model list; OpenAI's
 * rate-limit reset format.
 */
final class HttpReplies {
  private final Map<Integer, LongAdder> byStatus;

  HttpReplies(Map<Integer, LongAdder> byStatus) {
    this.byStatus = byStatus;
  }

  void send(HttpExchange ex, int status, String json) throws IOException {
    sendBytes(ex, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  void sendError(HttpExchange ex, int status, String message, String type, String code)
      throws IOException {
    send(ex, status, Completions.errorBody(message, type, null, code).toString());
  }

  void sendBytes(HttpExchange ex, int status, String contentType, byte[] bytes) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("x-simulated", SimulatedLlmServer.WHAT);
    byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  /** GET /v1/models: every model owned by {@link SimulatedLlmServer#OWNER}. */
  static JsonObject models(List<String> ids) {
    JsonArray data = new JsonArray();
    for (String id : ids) {
      JsonObject m = new JsonObject();
      m.addProperty("id", id);
      m.addProperty("object", "model");
      m.addProperty("created", 1_700_000_000L);
      m.addProperty("owned_by", SimulatedLlmServer.OWNER);
      data.add(m);
    }
    JsonObject o = new JsonObject();
    o.addProperty("object", "list");
    o.add("data", data);
    return o;
  }

  /** OpenAI's reset format: "850ms", "12s", "1m0s". */
  static String duration(long ms) {
    if (ms < 1000) {
      return ms + "ms";
    }
    long s = (ms + 999) / 1000;
    return s < 60 ? s + "s" : (s / 60) + "m" + (s % 60) + "s";
  }
}
