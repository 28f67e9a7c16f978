package org.medinstruct.llm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a request goes and how it carries the key: {@code <base>/<path>}, plus {@code
 * ?api-version=...} when {@code --llmApiVersion} is set (Azure OpenAI), and either {@code
 * Authorization: Bearer <key>} or {@code api-key: <key>}. The key is only ever in the returned
 * headers, never in the URL.
 */
final class ChatEndpoint {
  private ChatEndpoint() {}

  /** The base URL without a trailing slash; a usage error when unset. */
  static String trimSlash(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("LLM baseUrl is not set (e.g. https://api.openai.com/v1)");
    }
    String b = baseUrl.strip();
    return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  /**
   * The URL of an API path ("chat/completions", "files", ...) under a base URL without a trailing
   * slash.
   */
  static String url(String base, String path, LlmSettings settings) {
    String url = base + "/" + path;
    String version = settings.apiVersion();
    if (version != null && !version.isBlank()) {
      url +=
          (url.contains("?") ? "&" : "?")
              + "api-version="
              + URLEncoder.encode(version.strip(), StandardCharsets.UTF_8);
    }
    return url;
  }

  /** The authentication headers for a key (none without a key). */
  static Map<String, String> authHeaders(LlmSettings settings, String apiKey) {
    Map<String, String> h = new LinkedHashMap<>();
    if (apiKey != null) {
      if (settings.authHeader() == LlmSettings.AuthHeader.API_KEY) {
        h.put("api-key", apiKey);
      } else {
        h.put("Authorization", "Bearer " + apiKey);
      }
    }
    return Map.copyOf(h);
  }
}
