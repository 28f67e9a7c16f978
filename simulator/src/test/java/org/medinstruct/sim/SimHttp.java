package org.medinstruct.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Test helper: a real java.net.http client for the simulator, over loopback. */
final class SimHttp {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private SimHttp() {}

  static HttpResponse<String> post(String baseUrl, String body, String bearer) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  static HttpResponse<String> post(String baseUrl, String body) throws IOException {
    return post(baseUrl, body, null);
  }

  static HttpResponse<String> get(String url) throws IOException {
    try {
      return CLIENT.send(
          HttpRequest.newBuilder(URI.create(url)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** A chat request body; {@code stop} and {@code maxTokens} may be null. */
  static String body(String system, String user, List<String> stop, Integer maxTokens) {
    JsonObject o = new JsonObject();
    o.addProperty("model", "gpt-3.5-turbo");
    JsonArray msgs = new JsonArray();
    if (system != null) {
      msgs.add(msg("system", system));
    }
    msgs.add(msg("user", user));
    o.add("messages", msgs);
    o.addProperty("temperature", 1.0);
    o.addProperty("top_p", 1.0);
    o.addProperty("presence_penalty", 0.0);
    if (maxTokens != null) {
      o.addProperty("max_tokens", maxTokens);
    }
    if (stop != null) {
      JsonArray s = new JsonArray();
      stop.forEach(s::add);
      o.add("stop", s);
    }
    return o.toString();
  }

  private static JsonObject msg(String role, String content) {
    JsonObject m = new JsonObject();
    m.addProperty("role", role);
    m.addProperty("content", content);
    return m;
  }

  static JsonObject json(HttpResponse<String> r) {
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  static String content(HttpResponse<String> r) {
    return json(r)
        .getAsJsonArray("choices")
        .get(0)
        .getAsJsonObject()
        .getAsJsonObject("message")
        .get("content")
        .getAsString();
  }

  static String finishReason(HttpResponse<String> r) {
    return json(r)
        .getAsJsonArray("choices")
        .get(0)
        .getAsJsonObject()
        .get("finish_reason")
        .getAsString();
  }
}
