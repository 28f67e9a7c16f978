package org.medinstruct.stages;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.medinstruct.llm.CallLlm;
import org.medinstruct.llm.ChatRequest;
import org.medinstruct.llm.ChatResponse;
import org.medinstruct.llm.LlmFailure;
import org.medinstruct.llm.LlmSettings;
import org.medinstruct.model.Failure;
import org.medinstruct.model.Records;
import org.medinstruct.model.Rejection;
import org.medinstruct.tasks.ResponsePrompt;

/**
 * Asks the response model to answer each task: one request per task, the system prompt carrying
 * AlpaCare's answering rules, the user message the instruction plus the input when there is one.
 *
 * <p>Input: pending {@link Example}s. Output: the same examples with the answer, finish reason
 * and usage filled in. Failed: tasks whose request failed after retries. No rejections (the
 * answer filters are {@link FilterResponses}). Idempotent through the LLM journal, whose key holds
 * the task id.
 */
public final class GenerateResponses extends PTransform<PCollection<Example>, StageResult<Example>> {
  public static final String STAGE = "responses";
  private static final org.apache.beam.sdk.values.TupleTag<Example> ANSWERED =
      new org.apache.beam.sdk.values.TupleTag<>("answered") {};

  private final LlmSettings settings;
  private final ModelParams params;
  private final ResponsePrompt prompt;

  public GenerateResponses(LlmSettings settings, ModelParams params) {
    this(settings, params, ResponsePrompt.defaultPrompt());
  }

  /** With any response prompt: its system message and user-message layout. */
  public GenerateResponses(LlmSettings settings, ModelParams params, ResponsePrompt prompt) {
    this.settings = settings;
    this.params = params;
    this.prompt = prompt;
  }

  @Override
  public StageResult<Example> expand(PCollection<Example> pending) {
    // Each task paired with its answering request.
    PCollection<KV<Example, ChatRequest>> requests =
        pending
            .apply("BuildResponseRequests", ParDo.of(new BuildRequestFn(params, prompt)))
            .setCoder(KvCoder.of(SerializableCoder.of(Example.class), SerializableCoder.of(ChatRequest.class)));
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
            .setCoder(SerializableCoder.of(Example.class));
    PCollection<Usage> usage =
        calls
            .responses()
            .apply(
                "CountResponseTokens",
                MapElements.into(TypeDescriptor.of(Usage.class))
                    .via((KV<Example, ChatResponse> kv) -> Usage.of(STAGE, model, kv.getValue(), 1)))
            .setCoder(SerializableCoder.of(Usage.class));
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
            .setCoder(SerializableCoder.of(Failure.class));
    PCollection<Rejection> none =
        pending.getPipeline()
            .apply("NoRejections", org.apache.beam.sdk.transforms.Create.empty(SerializableCoder.of(Rejection.class)));
    return StageResult.of(ANSWERED, answered, none, failed, usage);
  }

  static final class BuildRequestFn extends DoFn<Example, KV<Example, ChatRequest>> {
    private final ModelParams params;
    private final ResponsePrompt prompt;

    BuildRequestFn(ModelParams params, ResponsePrompt prompt) {
      this.params = params;
      this.prompt = prompt;
    }

    @ProcessElement
    public void process(@Element Example example, OutputReceiver<KV<Example, ChatRequest>> out) {
      out.output(
          KV.of(
              example,
              new ChatRequest(
                  STAGE,
                  STAGE + ":" + example.task().id(),
                  prompt.templateVersion(),
                  params.model(),
                  prompt.messages(example.task()),
                  params.temperature(),
                  params.topP(),
                  params.presencePenalty(),
                  params.maxTokens(),
                  java.util.List.of())));
    }
  }
}
