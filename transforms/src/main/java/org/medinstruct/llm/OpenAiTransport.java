package org.medinstruct.llm;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The innermost layer: one POST of an OpenAI-compatible chat-completions body over {@link LlmHttp}
 * (the pooled JDK client, pinned to the checked loopback address when a key travels over plain
 * http), and the parse of a 200. Counts every attempt sent ("requests") and every attempt after a
 * request's first ("retries"). Never retries; the headers (they carry the key) are never logged.
 */
final class OpenAiTransport implements Exchange {
  private final String url;
  private final Map<String, String> headers;
  private final LlmHttp http;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  OpenAiTransport(String url, Map<String, String> headers, LlmHttp http) {
    this.url = url;
    this.headers = headers;
    this.http = http;
  }

  /** The transport for these settings; plain http with a key is pinned on every connection. */
  static OpenAiTransport of(String url, LlmSettings settings, String apiKey, LlmHttp http) {
    LlmHttp pinned =
        LoopbackPinnedHttp.wrapIfNeeded(
            http,
            url,
            apiKey != null,
            settings.allowInsecureHttp(),
            new LoopbackGuard(LoopbackGuard.SYSTEM));
    return new OpenAiTransport(url, ChatEndpoint.authHeaders(settings, apiKey), pinned);
  }

  @Override
  public Reply send(Attempt attempt) throws IOException {
    requests.incrementAndGet();
    if (attempt.number() > 1) {
      retries.incrementAndGet();
    }
    LlmHttp.Response response =
        http.post(url, headers, attempt.body(), attempt.deadline().attemptTimeoutSeconds());
    if (response.status() != 200) {
      return Reply.of(response, null, null);
    }
    try {
      return Reply.of(
          response, OpenAiProtocol.parseCompletion(response.body(), attempt.number()), null);
    } catch (IllegalArgumentException malformed) {
      return Reply.of(response, null, malformed.getMessage());
    }
  }

  void drainCounters(Map<String, Long> into) {
    into.put("requests", requests.getAndSet(0));
    into.put("retries", retries.getAndSet(0));
  }
}
