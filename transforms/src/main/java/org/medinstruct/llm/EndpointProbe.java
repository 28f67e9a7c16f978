package org.medinstruct.llm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.medinstruct.model.EndpointException;

/**
 * One cheap call that shows the endpoint answers and accepts the key, before any paid request:
 * {@code GET {baseUrl}/models} (free at OpenAI and every OpenAI-compatible server we know); when
 * that path is 404, a chat completion with {@code max_tokens=1} (a one-token answer, the cheapest
 * paid call there is). A refused key, a refused model, an unreachable host or a non-HTTP answer is
 * an {@link EndpointException} (exit 5) whose message says which and never holds the key.
 */
public final class EndpointProbe {
  /** Which call answered. */
  public enum Method {
    MODELS,
    ONE_TOKEN_COMPLETION
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private EndpointProbe() {}

  public static Method check(LlmSettings settings, String model) {
    String key = ApiKeys.resolve(settings);
    String base = settings.baseUrl().strip().replaceAll("/+$", "");
    LoopbackGuard guard = new LoopbackGuard(LoopbackGuard.SYSTEM);
    boolean pin = LoopbackGuard.mustPin(base, key != null, settings.allowInsecureHttp());
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String modelsUrl = ChatEndpoint.url(base, "models", settings);
    HttpResponse<String> r =
        send(
            http,
            request(pin ? guard.pin(modelsUrl) : modelsUrl, settings, key).GET().build(),
            modelsUrl,
            key);
    Method method = Method.MODELS;
    String url = modelsUrl;
    if (r.statusCode() == 404 || r.statusCode() == 405) {
      url = ChatEndpoint.url(base, "chat/completions", settings);
      ChatRequest one =
          new ChatRequest(
              "preflight",
              "preflight",
              "preflight",
              model,
              List.of(ChatMessage.user("Say OK.")),
              0.0,
              1.0,
              0.0,
              1,
              List.of(),
              null);
      r =
          send(
              http,
              request(pin ? guard.pin(url) : url, settings, key)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          OpenAiProtocol.requestBody(one, settings.catalog().spec(model))))
                  .build(),
              url,
              key);
      method = Method.ONE_TOKEN_COMPLETION;
    }
    int status = r.statusCode();
    if (status == 401 || status == 403) {
      throw new EndpointException(
          "the endpoint "
              + url
              + " refused the API key (HTTP "
              + status
              + "): check "
              + keySource(settings));
    }
    if (status != 200) {
      String detail = ApiKeys.redact(OpenAiProtocol.errorMessage(r.body()), key);
      throw new EndpointException(
          "the endpoint "
              + url
              + " answered HTTP "
              + status
              + (detail == null || detail.isBlank() ? "" : ": " + detail)
              + " (check --llmBaseUrl and the model names)");
    }
    if (method == Method.ONE_TOKEN_COMPLETION) {
      try {
        OpenAiProtocol.parseCompletion(r.body(), 1);
      } catch (IllegalArgumentException e) {
        throw new EndpointException(
            "the endpoint "
                + url
                + " answered HTTP 200 but not with an OpenAI"
                + " chat completion: is --llmBaseUrl an OpenAI-compatible /v1 URL?");
      }
    } else if (!r.body().strip().startsWith("{")) {
      throw new EndpointException(
          "the endpoint "
              + url
              + " answered HTTP 200 but not with JSON:"
              + " is --llmBaseUrl an OpenAI-compatible /v1 URL?");
    }
    return method;
  }

  private static HttpRequest.Builder request(String url, LlmSettings settings, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
    ChatEndpoint.authHeaders(settings, key).forEach(b::header);
    return b;
  }

  private static HttpResponse<String> send(
      HttpClient http, HttpRequest request, String url, String key) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new EndpointException(
          "cannot reach the endpoint "
              + url
              + ": "
              + why(e)
              + " (is it running, and is --llmBaseUrl right?)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EndpointException("interrupted while checking the endpoint " + url);
    }
  }

  private static String why(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "no answer within " + TIMEOUT.toSeconds() + " s";
    }
    if (e instanceof java.net.UnknownHostException) {
      return "unknown host";
    }
    return "connection failed";
  }

  private static String keySource(LlmSettings s) {
    if (s.apiKeyFile() != null && !s.apiKeyFile().isBlank()) {
      return "the key in --llmApiKeyFile " + s.apiKeyFile();
    }
    return "the key in "
        + (s.apiKeyEnv() == null || s.apiKeyEnv().isBlank() ? "OPENAI_API_KEY" : s.apiKeyEnv());
  }
}
