package org.medinstruct.llm;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client does when the endpoint refuses {@code response_format} (a 400 naming it): the
 * request goes again as plain text ({@link ChatRequest#withoutResponseFormat}, with its stop
 * sequences), later requests of the client go as plain text at once, and the run logs one warning
 * (one per endpoint and model in a JVM). The completion is journaled under the structured request's
 * key, so a rerun reads it back.
 */
final class StructuredFallback {
  private static final Logger LOG = LoggerFactory.getLogger(StructuredFallback.class);
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
  private static final AtomicLong WARNINGS = new AtomicLong();

  private final String endpoint;
  private volatile boolean refused;

  StructuredFallback(String endpoint) {
    this.endpoint = endpoint;
  }

  /** Warnings logged in this JVM so far (tests). */
  static long warnings() {
    return WARNINGS.get();
  }

  /** The request to send: plain text once the endpoint refused structured output. */
  ChatRequest apply(ChatRequest request) {
    return refused && request.responseFormat() != null ? request.withoutResponseFormat() : request;
  }

  /**
   * Whether this answer refuses the request's response_format; if so, remembers it and warns once.
   */
  boolean refusedBy(ChatRequest request, int status, String body) {
    if (request.responseFormat() == null || !OpenAiProtocol.isResponseFormatError(status, body)) {
      return false;
    }
    refused = true;
    if (WARNED.add(endpoint + " " + request.model())) {
      WARNINGS.incrementAndGet();
      LOG.warn(
          "the endpoint does not support response_format for model {} ({}): --structuredTasks falls"
              + " back to the text prompt and parser",
          request.model(),
          OpenAiProtocol.errorMessage(body));
    }
    return true;
  }
}
