package org.medinstruct.llm;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The largest prompt sent for one element, in estimated tokens (about 4 characters each, the
 * estimate the rate limiter uses). Elements over it are rejected before any request with reason
 * {@link #REASON}, so a 5 MB task is neither paid for nor carried through the later stages.
 *
 * <p>The limit comes from {@code --maxPromptTokens} when set; else from the model's context window
 * minus the completion's max tokens when a {@link ContextSizes} (the models file) knows the model;
 * else {@link #SAFE_DEFAULT_TOKENS}.
 */
public record PromptLimit(long maxPromptTokens) implements Serializable {
  public static final String REASON = "too_long";

  /** Fits every current chat model's context with room for the answer; a body well under 1 MB. */
  public static final long SAFE_DEFAULT_TOKENS = 16_000;

  /** Context window sizes by model, e.g. from a models file. The hook for per-model limits. */
  public interface ContextSizes {
    OptionalLong contextTokens(String model);
  }

  /** No models file: every model gets the safe default. */
  public static final ContextSizes UNKNOWN = model -> OptionalLong.empty();

  /** Context windows from the models file ({@code context_window}; 0 there means unknown). */
  public static ContextSizes from(ModelCatalog catalog) {
    return model -> {
      int c = catalog == null ? 0 : catalog.contextWindow(model);
      return c > 0 ? OptionalLong.of(c) : OptionalLong.empty();
    };
  }

  /**
   * The limit for a model: the option when positive, else the model's context, else the default.
   */
  public static PromptLimit of(
      long option, String model, int maxCompletionTokens, ContextSizes sizes) {
    if (option > 0) {
      return new PromptLimit(option);
    }
    OptionalLong context = (sizes == null ? UNKNOWN : sizes).contextTokens(model);
    if (context.isPresent()) {
      return new PromptLimit(Math.max(1, context.getAsLong() - Math.max(0, maxCompletionTokens)));
    }
    return new PromptLimit(SAFE_DEFAULT_TOKENS);
  }

  /** Estimated prompt tokens: characters / 4, rounded up. */
  public static long estimateTokens(List<ChatMessage> messages) {
    long chars = 0;
    for (ChatMessage m : messages) {
      chars += m.content() == null ? 0 : m.content().length();
    }
    return (chars + 3) / 4;
  }

  /** Why these messages are too long, or empty when they fit. */
  public Optional<String> check(List<ChatMessage> messages) {
    long tokens = estimateTokens(messages);
    if (tokens <= maxPromptTokens) {
      return Optional.empty();
    }
    return Optional.of(
        "prompt of about "
            + tokens
            + " tokens is over the limit of "
            + maxPromptTokens
            + " (--maxPromptTokens); not sent");
  }
}
