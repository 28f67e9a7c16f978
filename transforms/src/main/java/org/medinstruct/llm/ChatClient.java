package org.medinstruct.llm;

import java.util.concurrent.CompletableFuture;

/**
 * Sends chat completions. Implementations are thread-safe and shared by every DoFn instance in a
 * JVM, so that one rate limiter, one in-flight limit, one journal and one budget cover the worker.
 *
 * <p>The future completes exceptionally with {@link LlmException} when the request failed after all
 * retries, was refused (budget, bad request) or could not be sent.
 */
public interface ChatClient extends AutoCloseable {
  CompletableFuture<ChatResponse> complete(ChatRequest request);

  @Override
  default void close() {}
}
