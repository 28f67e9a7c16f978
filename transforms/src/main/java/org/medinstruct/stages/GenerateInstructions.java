package org.medinstruct.stages;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.medinstruct.llm.CallLlm;
import org.medinstruct.llm.ChatRequest;
import org.medinstruct.llm.ChatRequestCoder;
import org.medinstruct.llm.ChatResponse;
import org.medinstruct.llm.LlmFailure;
import org.medinstruct.llm.LlmSettings;
import org.medinstruct.model.Failure;
import org.medinstruct.model.FailureCoder;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.MedTaskCoder;
import org.medinstruct.model.Records;
import org.medinstruct.model.Rejection;
import org.medinstruct.model.RejectionCoder;
import org.medinstruct.tasks.InstructionPrompt;
import org.medinstruct.tasks.SeedSampler;
import org.medinstruct.tasks.TaskParser;

/**
 * Asks the instruction model for new tasks.
 *
 * <p>Input: planned {@link GenerationRequest}s. The seed tasks are fixed at construction (no side
 * input: the runner need not wait for, or re-read, anything per bundle). Each request samples
 * {@code seedsPerPrompt} seeds (fixed by the run seed and the request index alone, so any runner
 * builds the same prompt), renders the generation prompt and asks for {@code tasksPerRequest}
 * tasks. Output: the parsed tasks with provenance, ids {@code mi-<request>-<position>}. Rejected:
 * the last task of a truncated completion, text that is not a task. Failed: requests that failed
 * after retries. Idempotent through the LLM journal.
 */
public final class GenerateInstructions
    extends PTransform<PCollection<GenerationRequest>, StageResult<MedTask>> {
  public static final String STAGE = "instructions";
  private static final TupleTag<MedTask> TASKS = new TupleTag<>("tasks") {};

  private final LlmSettings settings;
  private final ModelParams params;
  private final List<MedTask> seeds;
  private final InstructionPrompt prompt;
  private final int seedsPerPrompt;
  private final int tasksPerRequest;
  private final long runSeed;

  public GenerateInstructions(
      LlmSettings settings,
      ModelParams params,
      List<MedTask> seeds,
      String template,
      int seedsPerPrompt,
      int tasksPerRequest,
      long runSeed) {
    this(settings, params, seeds, InstructionPrompt.of(template), seedsPerPrompt, tasksPerRequest, runSeed);
  }

  /** With any prompt: its layout, system message and stop sequences. */
  public GenerateInstructions(
      LlmSettings settings,
      ModelParams params,
      List<MedTask> seeds,
      InstructionPrompt prompt,
      int seedsPerPrompt,
      int tasksPerRequest,
      long runSeed) {
    this.settings = settings;
    this.params = params;
    this.seeds = seeds;
    this.prompt = prompt;
    this.seedsPerPrompt = seedsPerPrompt;
    this.tasksPerRequest = tasksPerRequest;
    this.runSeed = runSeed;
  }

  @Override
  public StageResult<MedTask> expand(PCollection<GenerationRequest> requests) {
    // Each request paired with its rendered prompt.
    PCollection<KV<GenerationRequest, ChatRequest>> prompts =
        requests
            .apply(
                "BuildGenerationPrompts",
                ParDo.of(new BuildPromptFn(params, seeds, prompt, seedsPerPrompt, tasksPerRequest, runSeed)))
            .setCoder(
                KvCoder.of(
                    GenerationRequestCoder.of(),
                    ChatRequestCoder.of()));
    CallLlm.Result<GenerationRequest> completions =
        prompts.apply("CallInstructionModel", CallLlm.using(settings));
    // Completions turned into tasks; failed requests into dead letters.
    PCollectionTuple parsed =
        completions
            .responses()
            .apply(
                "ParseTasks",
                ParDo.of(new ParseFn(params.model(), seedsPerPrompt))
                    .withOutputTags(TASKS, StageResult.sideTags()));
    parsed.get(TASKS).setCoder(MedTaskCoder.of());
    PCollection<Failure> failed =
        completions
            .failures()
            .apply("RecordFailedRequests", ParDo.of(new FailFn()))
            .setCoder(FailureCoder.of());
    return StageResult.of(
        TASKS,
        parsed.get(TASKS),
        parsed.get(StageResult.REJECTED).setCoder(RejectionCoder.of()),
        failed,
        parsed.get(StageResult.USAGE).setCoder(UsageCoder.of()));
  }

  /** Samples the seeds for one request and renders its prompt. */
  static final class BuildPromptFn extends DoFn<GenerationRequest, KV<GenerationRequest, ChatRequest>> {
    private final ModelParams params;
    private final List<MedTask> seeds;
    private final InstructionPrompt prompt;
    private final int seedsPerPrompt;
    private final int tasksPerRequest;
    private final long runSeed;

    BuildPromptFn(ModelParams params, List<MedTask> seeds, InstructionPrompt prompt,
        int seedsPerPrompt, int tasksPerRequest, long runSeed) {
      this.params = params;
      // Sampling needs one fixed order, whatever order the caller's list came in.
      List<MedTask> ordered = new ArrayList<>(seeds);
      ordered.sort(java.util.Comparator.comparing(MedTask::id));
      this.seeds = ordered;
      this.prompt = prompt;
      this.seedsPerPrompt = seedsPerPrompt;
      this.tasksPerRequest = tasksPerRequest;
      this.runSeed = runSeed;
    }

    @ProcessElement
    public void process(
        @Element GenerationRequest request, OutputReceiver<KV<GenerationRequest, ChatRequest>> out) {
      List<MedTask> sample = SeedSampler.sample(seeds, seedsPerPrompt, runSeed, request.index());
      List<String> ids = new ArrayList<>();
      sample.forEach(t -> ids.add(t.id()));
      ChatRequest chat =
          new ChatRequest(
              STAGE,
              STAGE + ":" + request.index(),
              prompt.templateVersion(),
              params.model(),
              prompt.messages(sample, tasksPerRequest),
              params.temperature(),
              params.topP(),
              params.presencePenalty(),
              params.maxTokens(),
              prompt.stop(sample.size(), tasksPerRequest));
      out.output(KV.of(new GenerationRequest(request.index(), request.round(), ids), chat));
    }
  }

  /** Splits one completion into tasks, dropping the cut-off last task of a truncated one. */
  static final class ParseFn extends DoFn<KV<GenerationRequest, ChatResponse>, MedTask> {
    private final Counter parsedTasks = Metrics.counter(GenerateInstructions.class, "tasksParsed");
    private final String model;
    private final int seedsPerPrompt;

    ParseFn(String model, int seedsPerPrompt) {
      this.model = model;
      this.seedsPerPrompt = seedsPerPrompt;
    }

    @ProcessElement
    public void process(@Element KV<GenerationRequest, ChatResponse> element, MultiOutputReceiver out) {
      GenerationRequest request = element.getKey();
      ChatResponse response = element.getValue();
      TaskParser.ParseResult parsed =
          TaskParser.parse(
              response.content(),
              response.finishReason(),
              InstructionPrompt.firstTaskNumber(request.seedIds().size()));
      out.get(StageResult.USAGE)
          .output(
              Usage.of(
                  STAGE, model, response,
                  parsed.tasks().size() + parsed.rejected().size() + parsed.droppedTruncated()));
      int position = 0;
      for (MedTask raw : parsed.tasks()) {
        MedTask task =
            new MedTask(
                String.format("mi-%06d-%02d", request.index(), position),
                raw.type(), raw.topic(), raw.view(), raw.difficulty(), raw.instruction(), raw.input(),
                request.round(), request.index(), position, request.seedIds());
        out.get(TASKS).output(task);
        parsedTasks.inc();
        position++;
      }
      for (TaskParser.Unparsed text : parsed.rejected()) {
        out.get(StageResult.REJECTED)
            .output(
                new Rejection(
                    "parse", text.reason(), text.detail(), Records.toJson(requestJson(request, text.text()))));
      }
      if (parsed.droppedTruncated() > 0) {
        out.get(StageResult.REJECTED)
            .output(
                new Rejection(
                    "parse",
                    "truncated",
                    "finish_reason was length: the last task may be cut off",
                    Records.toJson(requestJson(request, parsed.truncatedText()))));
      }
    }
  }

  static com.google.gson.JsonObject requestJson(GenerationRequest request, String text) {
    com.google.gson.JsonObject o = new com.google.gson.JsonObject();
    o.addProperty("request_index", request.index());
    o.addProperty("round", request.round());
    o.add("seed_ids", Records.strings(request.seedIds()));
    if (text != null) {
      o.addProperty("text", text);
    }
    return o;
  }

  /** A request that failed after retries becomes a dead letter naming the request. */
  static final class FailFn extends DoFn<KV<GenerationRequest, LlmFailure>, Failure> {
    @ProcessElement
    public void process(@Element KV<GenerationRequest, LlmFailure> e, OutputReceiver<Failure> out) {
      LlmFailure f = e.getValue();
      out.output(
          new Failure(STAGE, Records.toJson(requestJson(e.getKey(), null)), f.error(), f.retryable(),
              f.status(), f.attempts(), f.kind()));
    }
  }
}
