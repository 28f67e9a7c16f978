package org.medinstruct.sim;

/**
 * The simulator's token rule: a text of n characters (UTF-16 units) is ceil(n / 4) tokens, the
 * usual rule of thumb for English with OpenAI tokenizers. prompt_tokens is the sum of this over the
 * content of every message (no per-message overhead); completion_tokens is this for the content.
 */
public final class Tokens {
  private Tokens() {}

  public static int count(String text) {
    return text == null ? 0 : (text.length() + 3) / 4;
  }

  /** The longest prefix of {@code text} that is at most {@code maxTokens} tokens. */
  static String truncate(String text, int maxTokens) {
    long chars = (long) maxTokens * 4;
    return text.length() <= chars ? text : text.substring(0, (int) chars);
  }
}
