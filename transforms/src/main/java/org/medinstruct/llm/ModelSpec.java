package org.medinstruct.llm;

import java.io.Serializable;
import java.util.Set;

/**
 * What one model family takes and costs, from the models file ({@link ModelCatalog}).
 *
 * @param family the models-file key that matched ("*" for a model the file does not know)
 * @param tokenLimit the body field carrying the completion-token limit
 * @param sampling the optional parameters the model accepts; the others are never sent
 * @param online USD per 1M tokens on the chat-completions API, null when not priced
 * @param batch USD per 1M tokens in the Batch API, null when not priced
 * @param contextWindow prompt plus completion tokens the model takes; 0 when unknown
 * @param reasoningTokens completion tokens added to a stage's limit for hidden reasoning, which
 *     counts against max_completion_tokens (without the room, a 300-token limit can come back
 *     empty)
 * @param reasoningEffort sent as {@code reasoning_effort} when not null
 * @param structuredOutput whether the model takes {@code response_format} with a JSON schema
 *     ({@code --structuredTasks}); a model the file does not know is tried, and an endpoint that
 *     refuses it gets the text prompt
 */
public record ModelSpec(
    String family,
    TokenLimit tokenLimit,
    Set<Sampling> sampling,
    Prices.Price online,
    Prices.Price batch,
    int contextWindow,
    int reasoningTokens,
    String reasoningEffort,
    boolean structuredOutput)
    implements Serializable {

  /** The body field of the completion-token limit. */
  public enum TokenLimit {
    MAX_TOKENS("max_tokens"),
    MAX_COMPLETION_TOKENS("max_completion_tokens");

    final String field;

    TokenLimit(String field) {
      this.field = field;
    }
  }

  /** Optional request parameters a model may accept. */
  public enum Sampling {
    TEMPERATURE("temperature"),
    TOP_P("top_p"),
    PRESENCE_PENALTY("presence_penalty"),
    FREQUENCY_PENALTY("frequency_penalty"),
    STOP("stop");

    final String field;

    Sampling(String field) {
      this.field = field;
    }

    static Sampling ofField(String field) {
      for (Sampling s : values()) {
        if (s.field.equals(field)) {
          return s;
        }
      }
      return null;
    }
  }

  public boolean priced() {
    return online != null;
  }

  public boolean accepts(Sampling s) {
    return sampling.contains(s);
  }

  /**
   * The completion-token limit sent for a stage limit: the stage's tokens plus the reasoning room.
   */
  public int completionLimit(int stageMaxTokens) {
    return stageMaxTokens + Math.max(0, reasoningTokens);
  }
}
