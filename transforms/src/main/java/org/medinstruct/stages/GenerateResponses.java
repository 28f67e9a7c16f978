package org.medinstruct.stages;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.medinstruct.llm.CallLlm;
import org.medinstruct.llm.ChatRequest;
import org.medinstruct.llm.ChatRequestCoder;
import org.medinstruct.llm.ChatResponse;
import org.medinstruct.llm.LlmSettings;
import org.medinstruct.llm.PromptLimit;
import org.medinstruct.model.Outcome;
import org.medinstruct.model.Records;
import org.medinstruct.model.Rejection;
import org.medinstruct.model.StageOutput;
import org.medinstruct.tasks.ResponsePrompt;

/**
 * Asks the response model to answer each task: one request per task, the system prompt carrying
 * AlpaCare's answering rules, the user message the instruction plus the input when there is one.
 *
 * <p>Input: pending {@link Example}s. Output: the same examples with the answer, finish reason and
 * usage filled in. Failed: tasks whose request failed after retries. Rejected: tasks whose prompt
 * is over the {@link PromptLimit} ({@code too_long}), before any request (the answer filters are
 * {@link FilterResponses}). Idempotent through the LLM journal, whose key holds the task id.
 */
public final class GenerateResponses
    extends PTransform<PCollection<Example>, StageOutput<Example>> {
  public static final String STAGE = "responses";
  private static final org.apache.beam.sdk.values.TupleTag<Example> ANSWERED =
      new org.apache.beam.sdk.values.TupleTag<>("answered") {};

  private static final org.apache.beam.sdk.values.TupleTag<KV<Example, ChatRequest>> REQUESTS =
      new org.apache.beam.sdk.values.TupleTag<>("requests") {};

  private final LlmSettings settings;
  private final ModelParams params;
  private final ResponsePrompt prompt;
  private final PromptLimit limit;

  /** With the default prompt limit for the model ({@link PromptLimit#SAFE_DEFAULT_TOKENS}). */
  public GenerateResponses(LlmSettings settings, ModelParams params) {
    this(settings, params, ResponsePrompt.defaultPrompt());
  }

  /**
   * With any response prompt: its system message and user-message layout; the default prompt limit.
   */
  public GenerateResponses(LlmSettings settings, ModelParams params, ResponsePrompt prompt) {
    this(
        settings,
        params,
        prompt,
        PromptLimit.of(0, params.model(), params.maxTokens(), settings.catalog().contextSizes()));
  }

  /** With a prompt limit: longer prompts are rejected as too_long before any request. */
  public GenerateResponses(
      LlmSettings settings, ModelParams params, ResponsePrompt prompt, PromptLimit limit) {
    this.settings = settings;
    this.params = params;
    this.prompt = prompt;
    this.limit = limit;
  }

  @Override
  public StageOutput<Example> expand(PCollection<Example> pending) {
    // Each task paired with its answering request.
    // Prompts over the limit leave here as too_long rejections, before any request.
    StageOutput<KV<Example, ChatRequest>> built =
        StageOutput.of(
            REQUESTS,
            pending.apply(
                "BuildResponseRequests",
                ParDo.of(new BuildRequestFn(params, prompt, limit))
                    .withOutputTags(REQUESTS, StageOutput.sideTags())),
            KvCoder.of(ExampleCoder.of(), ChatRequestCoder.of()));
    // Completions; requests that failed after retries are the stage's dead letters.
    StageOutput<KV<Example, ChatResponse>> calls =
        built
            .values()
            .apply(
                "CallResponseModel",
                CallLlm.<Example>using(settings).reportingAs(STAGE, GenerateResponses::taskRecord))
            .after("AfterRequests", built);
    String model = params.model();
    PCollection<Example> answered =
        calls
            .values()
            .apply(
                "AttachAnswers",
                MapElements.into(TypeDescriptor.of(Example.class))
                    .via(
                        (KV<Example, ChatResponse> kv) ->
                            kv.getKey()
                                .answered(
                                    model,
                                    kv.getValue().content(),
                                    kv.getValue().finishReason(),
                                    kv.getValue().promptTokens(),
                                    kv.getValue().completionTokens())))
            .setCoder(ExampleCoder.of());
    PCollection<Usage> usage =
        calls
            .values()
            .apply(
                "CountResponseTokens",
                MapElements.into(TypeDescriptor.of(Usage.class))
                    .via(
                        (KV<Example, ChatResponse> kv) -> Usage.of(STAGE, model, kv.getValue(), 1)))
            .setCoder(UsageCoder.of());
    return StageOutput.of(ANSWERED, answered, calls.rejected(), calls.failed())
        .withExtra(Usage.TAG, usage);
  }

  /** A task as the record of its dead letter or rejection. */
  static String taskRecord(Example example) {
    return Records.toJson(Records.task(example.task()));
  }

  static final class BuildRequestFn extends DoFn<Example, KV<Example, ChatRequest>> {
    private final ModelParams params;
    private final ResponsePrompt prompt;
    private final PromptLimit limit;

    BuildRequestFn(ModelParams params, ResponsePrompt prompt, PromptLimit limit) {
      this.params = params;
      this.prompt = prompt;
      this.limit = limit;
    }

    @ProcessElement
    public void process(@Element Example example, MultiOutputReceiver out) {
      StageOutput.emit(build(example), REQUESTS, out);
    }

    private Outcome<KV<Example, ChatRequest>> build(Example example) {
      java.util.List<org.medinstruct.llm.ChatMessage> messages = prompt.messages(example.task());
      java.util.Optional<String> tooLong = limit.check(messages);
      if (tooLong.isPresent()) {
        org.apache.beam.sdk.metrics.Metrics.counter(
                GenerateResponses.class, "rejected." + PromptLimit.REASON)
            .inc();
        return Outcome.rejected(
            new Rejection(STAGE, PromptLimit.REASON, tooLong.get(), taskRecord(example)));
      }
      return Outcome.value(
          KV.of(
              example,
              new ChatRequest(
                  STAGE,
                  STAGE + ":" + example.task().id(),
                  prompt.templateVersion(),
                  params.model(),
                  messages,
                  params.temperature(),
                  params.topP(),
                  params.presencePenalty(),
                  params.maxTokens(),
                  java.util.List.of(),
                  null)));
    }
  }
}
