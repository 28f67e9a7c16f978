package org.medinstruct.stages;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.medinstruct.llm.ChatResponse;

/**
 * Token usage of one completion, for per-stage, per-model accounting. {@code items} is what the
 * completion produced: tasks (parsed or rejected by the parser) for a generation request, 1 for an
 * answer; the summary reconciles its counts against it. {@code parse} ({@link #STRUCTURED} or
 * {@link #TEXT}, null for answers) and {@code tasksParsed} give the parse losses per parser.
 */
@DefaultCoder(UsageCoder.class)
public record Usage(
    String stage,
    String model,
    long promptTokens,
    long completionTokens,
    boolean fromCache,
    int attempts,
    int items,
    String parse,
    int tasksParsed)
    implements Serializable {
  /** The extra output of a stage's {@link org.medinstruct.model.StageOutput} that holds usage. */
  public static final org.apache.beam.sdk.values.TupleTag<Usage> TAG =
      new org.apache.beam.sdk.values.TupleTag<>("usage") {};

  /** {@link #parse} of a generation completion read as JSON ({@code --structuredTasks}). */
  public static final String STRUCTURED = "structured";

  /** {@link #parse} of a generation completion read by the text parser. */
  public static final String TEXT = "text";

  public static Usage of(String stage, String model, ChatResponse r, int items) {
    return new Usage(
        stage,
        model,
        r.promptTokens(),
        r.completionTokens(),
        r.fromCache(),
        r.attempts(),
        items,
        null,
        0);
  }

  /** With the parser that read a generation completion and the tasks it read. */
  public Usage withParse(String parser, int parsed) {
    return new Usage(
        stage, model, promptTokens, completionTokens, fromCache, attempts, items, parser, parsed);
  }
}
