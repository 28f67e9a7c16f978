package org.medinstruct.llm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link LlmHttp} over the JDK's {@link HttpClient}: HTTP/1.1 connections are pooled and reused
 * (one TLS handshake per connection, not per request), and a POST is never re-sent by the client:
 * {@code java.net.http} retries only idempotent methods on a stale pooled connection (unless {@code
 * jdk.httpclient.enableAllMethodRetry} is set, which this project never does), so a connection that
 * fails after the request was written surfaces as an {@link IOException} to the one retry layer
 * ({@link RetryPolicy}) and a completion is never paid for twice.
 */
final class PooledLlmHttp implements LlmHttp {
  private final HttpClient client;

  PooledLlmHttp() {
    this(Duration.ofSeconds(LlmSettings.DEFAULT_TIMEOUT_SECONDS));
  }

  PooledLlmHttp(Duration connectTimeout) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout)
            .build();
  }

  @Override
  public Response post(String url, Map<String, String> headers, String jsonBody, int timeoutSeconds)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(Math.max(1, timeoutSeconds)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    for (Map.Entry<String, String> e : headers.entrySet()) {
      request.header(e.getKey(), e.getValue());
    }
    HttpResponse<String> response;
    try {
      response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for " + url);
    }
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, List<String>> h : response.headers().map().entrySet()) {
      if (!h.getValue().isEmpty() && h.getKey() != null) {
        out.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().get(0));
      }
    }
    return new Response(response.statusCode(), out, response.body() == null ? "" : response.body());
  }
}
