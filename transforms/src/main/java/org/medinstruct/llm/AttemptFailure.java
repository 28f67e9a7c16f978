package org.medinstruct.llm;

import java.io.IOException;
import org.medinstruct.model.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an attempt that brought no completion, for {@link RetryingChat}: the error text (the API
 * key redacted from anything the server or the network said), whether a retry may help, or the
 * request to send again at once (plain text after a refused response_format; max_tokens cut to 80 %
 * after a context-length error, within maxRetries). Authentication failures and context-length
 * errors out of retries throw at once.
 */
final class AttemptFailure {
  private static final Logger LOG = LoggerFactory.getLogger(AttemptFailure.class);

  /**
   * What one failed attempt means.
   *
   * @param sendAgain the request to send at once without waiting, or null
   */
  record Failed(
      String error, int status, boolean retryable, FailureKind kind, ChatRequest sendAgain) {}

  private final String url;
  private final String apiKey;
  private final String keySource;
  private final StructuredFallback structured;

  AttemptFailure(String url, String apiKey, String keySource, StructuredFallback structured) {
    this.url = url;
    this.apiKey = apiKey;
    this.keySource = keySource;
    this.structured = structured;
  }

  String url() {
    return url;
  }

  StructuredFallback structured() {
    return structured;
  }

  /** No HTTP response at all: always worth a retry. */
  Failed noResponse(IOException e) {
    String error =
        "no response from "
            + url
            + ": "
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " " + ApiKeys.redact(e.getMessage(), apiKey));
    return new Failed(error, 0, true, FailureKind.OTHER, null);
  }

  /** A response without a completion: a malformed 200 or an error status. */
  Failed of(ChatRequest request, Exchange.Reply reply, int attempts, int maxRetries) {
    int status = reply.status();
    if (reply.malformed() != null) {
      return new Failed(
          "HTTP 200 from " + url + " with " + reply.malformed(), status, true, null, null);
    }
    String body = reply.response().body();
    if (status == 401 || status == 403) {
      throw new LlmException(
          "authentication failed (HTTP "
              + status
              + ") at "
              + url
              + ": check the API key ("
              + keySource
              + ")",
          status,
          false,
          attempts);
    }
    String error =
        "HTTP "
            + status
            + " from "
            + url
            + ": "
            + ApiKeys.redact(OpenAiProtocol.errorMessage(body), apiKey);
    if (structured.refusedBy(request, status, body)) {
      return new Failed(error, status, true, null, request); // sent again at once as plain text
    }
    if (OpenAiProtocol.isContextLengthError(status, body)) {
      int reduced = (int) (request.maxTokens() * 0.8);
      if (reduced < 1 || attempts > maxRetries) {
        throw new LlmException(
            error + " (max_tokens " + request.maxTokens() + ")",
            status,
            false,
            attempts,
            FailureKind.BAD_REQUEST);
      }
      LOG.info(
          "context length exceeded; retrying with max_tokens {} (was {})",
          reduced,
          request.maxTokens());
      return new Failed(error, status, true, null, request.withMaxTokens(reduced));
    }
    return new Failed(
        error,
        status,
        RetryPolicy.retryableStatus(status),
        OpenAiProtocol.failureKind(status, body),
        null);
  }
}
