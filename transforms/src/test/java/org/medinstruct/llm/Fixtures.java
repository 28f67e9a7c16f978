package org.medinstruct.llm;

import java.util.List;

/** Requests and settings shared by the LLM tests. */
final class Fixtures {
  private Fixtures() {}

  static ChatRequest request(String prompt) {
    return new ChatRequest(
        "instructions",
        "instructions:" + prompt,
        "tv1",
        "gpt-4",
        List.of(ChatMessage.system("You write medical tasks."), ChatMessage.user(prompt)),
        1.0,
        1.0,
        0.0,
        1000,
        List.of("20."),
        null);
  }

  static HttpChatClient client(LlmSettings s, String key, FakeTime time) {
    return new HttpChatClient(s, key, new PooledLlmHttp(), time, time, time);
  }
}
