package org.medinstruct.llm;

import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.javanet.NetHttpTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link LlmHttp} over google-http-client's {@link NetHttpTransport}; no retries of its own. Every
 * response is read fully and its connection closed: no keep-alive reuse, so the JDK never silently
 * re-sends a POST on a stale pooled connection (which could pay for a completion twice).
 */
final class GoogleLlmHttp implements LlmHttp {
  private final HttpRequestFactory factory = new NetHttpTransport().createRequestFactory();

  @Override
  public Response post(String url, Map<String, String> headers, String jsonBody, int timeoutSeconds)
      throws IOException {
    HttpRequest request =
        factory.buildPostRequest(
            new GenericUrl(url),
            new ByteArrayContent("application/json", jsonBody.getBytes(StandardCharsets.UTF_8)));
    HttpHeaders h = new HttpHeaders();
    for (Map.Entry<String, String> e : headers.entrySet()) {
      h.set(e.getKey(), List.of(e.getValue()));
    }
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutSeconds) * 1000L);
    request
        .setHeaders(h)
        .setNumberOfRetries(0)
        .setThrowExceptionOnExecuteError(false)
        .setLoggingEnabled(false)
        .setCurlLoggingEnabled(false)
        .setConnectTimeout(timeoutMillis)
        .setReadTimeout(timeoutMillis);
    HttpResponse response = request.execute();
    try {
      String body = response.parseAsString();
      Map<String, String> out = new HashMap<>();
      for (String name : response.getHeaders().keySet()) {
        String v = response.getHeaders().getFirstHeaderStringValue(name);
        if (v != null) {
          out.put(name.toLowerCase(Locale.ROOT), v);
        }
      }
      return new Response(response.getStatusCode(), out, body == null ? "" : body);
    } finally {
      response.disconnect();
    }
  }
}
