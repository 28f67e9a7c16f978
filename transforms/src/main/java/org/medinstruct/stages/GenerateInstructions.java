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
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.medinstruct.llm.CallLlm;
import org.medinstruct.llm.ChatRequest;
import org.medinstruct.llm.ChatRequestCoder;
import org.medinstruct.llm.ChatResponse;
import org.medinstruct.llm.LlmSettings;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.MedTaskCoder;
import org.medinstruct.model.Records;
import org.medinstruct.model.Rejection;
import org.medinstruct.model.StageOutput;
import org.medinstruct.tasks.InstructionPrompt;
import org.medinstruct.tasks.SeedSampler;
import org.medinstruct.tasks.StructuredTasks;
import org.medinstruct.tasks.TaskParser;

/**
 * Asks the instruction model for new tasks.
 *
 * <p>Input: planned {@link GenerationRequest}s. The seed tasks are fixed at construction (no side
 * input: the runner need not wait for, or re-read, anything per bundle), or come as a side input
 * ({@link #withSeedsFrom}) when they are a collection of the caller's pipeline; either way they are
 * sorted by id before sampling, so the prompts do not depend on their order. Each request samples
 * {@code seedsPerPrompt} seeds (fixed by the run seed and the request index alone, so any runner
 * builds the same prompt), renders the generation prompt and asks for {@code tasksPerRequest}
 * tasks. Output: the parsed tasks with provenance, ids {@code mi-<request>-<position>}. Rejected:
 * the last task of a truncated completion, text that is not a task. Failed: requests that failed
 * after retries. Idempotent through the LLM journal.
 *
 * <p>{@link #withStructuredTasks} asks for the tasks as JSON through {@code response_format}
 * ({@link StructuredTasks}) and reads them without text parsing; a completion that came back as
 * text (the endpoint refused the format, and the client sent the text prompt instead) goes to the
 * text parser. {@link Usage} records which parser read each completion.
 */
public final class GenerateInstructions
    extends PTransform<PCollection<GenerationRequest>, StageOutput<MedTask>> {
  public static final String STAGE = "instructions";
  private static final TupleTag<MedTask> TASKS = new TupleTag<>("tasks") {};

  private final LlmSettings settings;
  private final ModelParams params;
  private final List<MedTask> seeds;
  private final PCollectionView<List<MedTask>> seedView;
  private final InstructionPrompt prompt;
  private final int seedsPerPrompt;
  private final int tasksPerRequest;
  private final long runSeed;
  private final boolean structured;

  public GenerateInstructions(
      LlmSettings settings,
      ModelParams params,
      List<MedTask> seeds,
      String template,
      int seedsPerPrompt,
      int tasksPerRequest,
      long runSeed) {
    this(
        settings,
        params,
        seeds,
        InstructionPrompt.of(template),
        seedsPerPrompt,
        tasksPerRequest,
        runSeed);
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
    this(settings, params, seeds, null, prompt, seedsPerPrompt, tasksPerRequest, runSeed, false);
  }

  private GenerateInstructions(
      LlmSettings settings,
      ModelParams params,
      List<MedTask> seeds,
      PCollectionView<List<MedTask>> seedView,
      InstructionPrompt prompt,
      int seedsPerPrompt,
      int tasksPerRequest,
      long runSeed,
      boolean structured) {
    this.settings = settings;
    this.params = params;
    this.seeds = seeds;
    this.seedView = seedView;
    this.prompt = prompt;
    this.seedsPerPrompt = seedsPerPrompt;
    this.tasksPerRequest = tasksPerRequest;
    this.runSeed = runSeed;
    this.structured = structured;
  }

  /** Asks for the tasks as JSON ({@code response_format}) when true; the text layout when false. */
  public GenerateInstructions withStructuredTasks(boolean structuredTasks) {
    return new GenerateInstructions(
        settings,
        params,
        seeds,
        seedView,
        prompt,
        seedsPerPrompt,
        tasksPerRequest,
        runSeed,
        structuredTasks);
  }

  /**
   * The same stage sampling from the seeds in {@code view} instead of the list it was built with.
   */
  public GenerateInstructions withSeedsFrom(PCollectionView<List<MedTask>> view) {
    return new GenerateInstructions(
        settings,
        params,
        List.of(),
        view,
        prompt,
        seedsPerPrompt,
        tasksPerRequest,
        runSeed,
        structured);
  }

  @Override
  public StageOutput<MedTask> expand(PCollection<GenerationRequest> requests) {
    // Each request paired with its rendered prompt.
    BuildPromptFn build =
        new BuildPromptFn(
            new Sampling(params, prompt, seedsPerPrompt, tasksPerRequest, runSeed, structured),
            seeds,
            seedView);
    PCollection<KV<GenerationRequest, ChatRequest>> prompts =
        requests
            .apply(
                "BuildGenerationPrompts",
                seedView == null ? ParDo.of(build) : ParDo.of(build).withSideInputs(seedView))
            .setCoder(KvCoder.of(GenerationRequestCoder.of(), ChatRequestCoder.of()));
    // Completions; requests that failed after retries are the stage's dead letters.
    StageOutput<KV<GenerationRequest, ChatResponse>> completions =
        prompts.apply(
            "CallInstructionModel",
            CallLlm.<GenerationRequest>using(settings)
                .reportingAs(STAGE, GenerateInstructions::requestRecord));
    // Completions turned into tasks, parse rejections and usage.
    PCollectionTuple parsed =
        completions
            .values()
            .apply(
                "ParseTasks",
                ParDo.of(new ParseFn(params.model(), seedsPerPrompt))
                    .withOutputTags(TASKS, StageOutput.sideTags().and(Usage.TAG)));
    return StageOutput.of(TASKS, parsed, MedTaskCoder.of())
        .withExtra(Usage.TAG, parsed.get(Usage.TAG).setCoder(UsageCoder.of()))
        .after("AfterCalls", completions);
  }

  /** How one request's prompt is built: the model, the prompt, how many seeds and tasks. */
  record Sampling(
      ModelParams params,
      InstructionPrompt prompt,
      int seedsPerPrompt,
      int tasksPerRequest,
      long runSeed,
      boolean structured)
      implements java.io.Serializable {}

  /** Samples the seeds for one request and renders its prompt. */
  static final class BuildPromptFn
      extends DoFn<GenerationRequest, KV<GenerationRequest, ChatRequest>> {
    private final Sampling sampling;
    private final List<MedTask> seeds;
    private final PCollectionView<List<MedTask>> seedView;
    // The side input's seeds in sampling order, read once per DoFn instance (global window).
    private transient List<MedTask> viewSeeds;

    BuildPromptFn(Sampling sampling, List<MedTask> seeds, PCollectionView<List<MedTask>> seedView) {
      this.sampling = sampling;
      this.seeds = ordered(seeds);
      this.seedView = seedView;
    }

    /** Sampling needs one fixed order, whatever order the caller's seeds came in. */
    private static List<MedTask> ordered(List<MedTask> seeds) {
      List<MedTask> ordered = new ArrayList<>(seeds);
      ordered.sort(java.util.Comparator.comparing(MedTask::id));
      return ordered;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      GenerationRequest request = c.element();
      List<MedTask> from = seeds;
      if (seedView != null) {
        if (viewSeeds == null) {
          viewSeeds = ordered(c.sideInput(seedView));
        }
        from = viewSeeds;
      }
      ModelParams params = sampling.params();
      InstructionPrompt prompt = sampling.prompt();
      int tasksPerRequest = sampling.tasksPerRequest();
      List<MedTask> sample =
          SeedSampler.sample(from, sampling.seedsPerPrompt(), sampling.runSeed(), request.index());
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
              prompt.stop(sample.size(), tasksPerRequest),
              null);
      if (sampling.structured()) {
        chat = chat.withResponseFormat(StructuredTasks.RESPONSE_FORMAT);
      }
      c.output(KV.of(new GenerationRequest(request.index(), request.round(), ids), chat));
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
    public void process(
        @Element KV<GenerationRequest, ChatResponse> element, MultiOutputReceiver out) {
      GenerationRequest request = element.getKey();
      ChatResponse response = element.getValue();
      // A JSON object is a structured answer; anything else continues the text prompt.
      boolean json = StructuredTasks.looksStructured(response.content());
      TaskParser.ParseResult parsed =
          json
              ? StructuredTasks.parse(response.content(), response.finishReason())
              : TaskParser.parse(
                  response.content(),
                  response.finishReason(),
                  InstructionPrompt.firstTaskNumber(request.seedIds().size()));
      out.get(Usage.TAG)
          .output(
              Usage.of(
                      STAGE,
                      model,
                      response,
                      parsed.tasks().size() + parsed.rejected().size() + parsed.droppedTruncated())
                  .withParse(json ? Usage.STRUCTURED : Usage.TEXT, parsed.tasks().size()));
      int position = 0;
      for (MedTask raw : parsed.tasks()) {
        MedTask task =
            new MedTask(
                String.format("mi-%06d-%02d", request.index(), position),
                raw.type(),
                raw.topic(),
                raw.view(),
                raw.difficulty(),
                raw.instruction(),
                raw.input(),
                request.round(),
                request.index(),
                position,
                request.seedIds());
        out.get(TASKS).output(task);
        parsedTasks.inc();
        position++;
      }
      for (TaskParser.Unparsed text : parsed.rejected()) {
        out.get(StageOutput.REJECTED)
            .output(
                new Rejection(
                    "parse",
                    text.reason(),
                    text.detail(),
                    Records.toJson(requestJson(request, text.text()))));
      }
      if (parsed.droppedTruncated() > 0) {
        out.get(StageOutput.REJECTED)
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

  /** A request as the record of its dead letter. */
  static String requestRecord(GenerationRequest request) {
    return Records.toJson(requestJson(request, null));
  }
}
