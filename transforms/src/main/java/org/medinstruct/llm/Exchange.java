package org.medinstruct.llm;

import java.io.IOException;

/**
 * One attempt of a chat completion, as the per-attempt layers of {@link HttpChatClient} see it:
 * {@link BudgetedExchange} → {@link RateLimitedExchange} → {@link OpenAiTransport}. Each layer does
 * one thing around the next one; {@link RetryingChat} calls the outermost once per attempt.
 */
interface Exchange {
  /**
   * Sends one attempt.
   *
   * @throws IOException when no HTTP response arrived (refused, reset, timeout)
   * @throws LlmException when the attempt is refused before sending (budget, price)
   */
  Reply send(Attempt attempt) throws IOException, InterruptedException;

  /**
   * What one attempt sends.
   *
   * @param request the request as sent (structured fallback and max_tokens cuts applied)
   * @param body its JSON body
   * @param number 1 for the first attempt
   * @param deadline the request's deadline over all attempts (cuts each attempt's timeout)
   */
  record Attempt(ChatRequest request, String body, int number, RequestDeadline deadline) {}

  /**
   * The answer to one attempt.
   *
   * @param response the HTTP response
   * @param completion the parsed completion of a 200, else null
   * @param malformed why a 200's body could not be parsed, else null
   * @param retryFloorMillis the least wait before a retry (the provider's rate-limit reset after a
   *     429), else 0
   */
  record Reply(
      LlmHttp.Response response, ChatResponse completion, String malformed, long retryFloorMillis) {

    static Reply of(LlmHttp.Response response, ChatResponse completion, String malformed) {
      return new Reply(response, completion, malformed, 0);
    }

    Reply withRetryFloorMillis(long millis) {
      return new Reply(response, completion, malformed, millis);
    }

    int status() {
      return response.status();
    }
  }
}
