package org.medinstruct.llm;

/**
 * One shared {@link ChatClient} per {@link LlmSettings} per JVM, so that every DoFn instance on a
 * worker shares the rate limiter, the in-flight limit, the journal and the budget.
 */
public final class ChatClients {
  private ChatClients() {}

  public static ChatClient forSettings(LlmSettings settings) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
