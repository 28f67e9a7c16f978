package org.medinstruct.stages;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.medinstruct.llm.ChatResponse;

/**
 * Token usage of one completion, for per-stage, per-model accounting. {@code items} is what the
 * completion produced: tasks (parsed or rejected by the parser) for a generation request, 1 for an
 * answer; the summary reconciles its counts against it.
 */
@DefaultCoder(UsageCoder.class)
public record Usage(
    String stage,
    String model,
    long promptTokens,
    long completionTokens,
    boolean fromCache,
    int attempts,
    int items)
    implements Serializable {
  public static Usage of(String stage, String model, ChatResponse r, int items) {
    return new Usage(
        stage, model, r.promptTokens(), r.completionTokens(), r.fromCache(), r.attempts(), items);
  }
}
