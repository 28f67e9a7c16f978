package org.medinstruct.llm;

import java.io.IOException;
import java.util.Map;

/**
 * The HTTP seam of {@link HttpChatClient}: one POST of a JSON body. Implementations must not retry
 * (retries live in one place, {@link RetryPolicy}) and must release the connection before
 * returning, so a failed response is always closed before the next attempt.
 */
public interface LlmHttp {
  /**
   * @param headers request headers; may contain Authorization, so implementations never log them
   * @throws IOException when no HTTP response arrived (refused, reset, timeout)
   */
  Response post(String url, Map<String, String> headers, String jsonBody, int timeoutSeconds)
      throws IOException;

  /** A complete HTTP response; header names are lower case. */
  record Response(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }
}
