package org.medinstruct.llm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared {@link ChatClient} per {@link LlmSettings} per JVM, so that every DoFn instance on a
 * worker shares the rate limiter, the in-flight limit, the journal and the budget.
 */
public final class ChatClients {
  private static final Map<LlmSettings, ChatClient> CLIENTS = new ConcurrentHashMap<>();

  private ChatClients() {}

  public static ChatClient forSettings(LlmSettings settings) {
    return CLIENTS.computeIfAbsent(
        settings, s -> s.batchMode() ? BatchChatClient.create(s) : HttpChatClient.create(s));
  }
}
