package org.medinstruct.llm;

/**
 * One request through the request-level layers of {@link HttpChatClient}, on the calling thread:
 * {@link StopGate} → {@link RetryingChat}. Throws {@link LlmException} when there is no completion.
 */
interface ChatCall {
  ChatResponse call(ChatRequest request) throws InterruptedException;
}
