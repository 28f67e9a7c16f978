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
import org.medinstruct.llm.LlmFailure;
import org.medinstruct.llm.LlmSettings;
import org.medinstruct.llm.PromptLimit;
import org.medinstruct.model.Failure;
import org.medinstruct.model.FailureCoder;
import org.medinstruct.model.Records;
import org.medinstruct.model.Rejection;
import org.medinstruct.model.RejectionCoder;
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
    extends PTransform<PCollection<Example>, StageResult<Example>> {
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
  public StageResult<Example> expand(PCollection<Example> pending) {
    // Each task paired with its answering request.
    // Prompts over the limit leave here as too_long rejections, before any request.
    org.apache.beam.sdk.values.PCollectionTuple built =
        pending.apply(
            "BuildResponseRequests",
            ParDo.of(new BuildRequestFn(params, prompt, limit))
                .withOutputTags(
                    REQUESTS, org.apache.beam.sdk.values.TupleTagList.of(StageResult.REJECTED)));
    PCollection<KV<Example, ChatRequest>> requests =
        built.get(REQUESTS).setCoder(KvCoder.of(ExampleCoder.of(), ChatRequestCoder.of()));
    PCollection<Rejection> tooLong = built.get(StageResult.REJECTED).setCoder(RejectionCoder.of());
    CallLlm.Result<Example> calls = requests.apply("CallResponseModel", CallLlm.using(settings));
    String model = params.model();
    PCollection<Example> answered =
        calls
            .responses()
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
            .responses()
            .apply(
                "CountResponseTokens",
                MapElements.into(TypeDescriptor.of(Usage.class))
                    .via(
                        (KV<Example, ChatResponse> kv) -> Usage.of(STAGE, model, kv.getValue(), 1)))
            .setCoder(UsageCoder.of());
    PCollection<Failure> failed =
        calls
            .failures()
            .apply(
                "RecordFailedRequests",
                MapElements.into(TypeDescriptor.of(Failure.class))
                    .via(
                        (KV<Example, LlmFailure> kv) ->
                            new Failure(
                                STAGE,
                                Records.toJson(Records.task(kv.getKey().task())),
                                kv.getValue().error(),
                                kv.getValue().retryable(),
                                kv.getValue().status(),
                                kv.getValue().attempts(),
                                kv.getValue().kind())))
            .setCoder(FailureCoder.of());
    return StageResult.of(ANSWERED, answered, tooLong, failed, usage);
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
      java.util.List<org.medinstruct.llm.ChatMessage> messages = prompt.messages(example.task());
      java.util.Optional<String> tooLong = limit.check(messages);
      if (tooLong.isPresent()) {
        org.apache.beam.sdk.metrics.Metrics.counter(
                GenerateResponses.class, "rejected." + PromptLimit.REASON)
            .inc();
        out.get(StageResult.REJECTED)
            .output(
                new Rejection(
                    STAGE,
                    PromptLimit.REASON,
                    tooLong.get(),
                    Records.toJson(Records.task(example.task()))));
        return;
      }
      out.get(REQUESTS)
          .output(
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
                      java.util.List.of())));
    }
  }
}
