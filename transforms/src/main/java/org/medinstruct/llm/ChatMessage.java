package org.medinstruct.llm;

import java.io.Serializable;

/** One OpenAI chat message. */
public record ChatMessage(String role, String content) implements Serializable {
  public static ChatMessage system(String content) {
    return new ChatMessage("system", content);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }
}
