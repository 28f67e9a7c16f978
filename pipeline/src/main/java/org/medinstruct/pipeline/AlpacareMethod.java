package org.medinstruct.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.medinstruct.dedup.DedupPolicy;
import org.medinstruct.dedup.DeduplicateBySimilarity;
import org.medinstruct.dedup.ScoredTask;
import org.medinstruct.llm.LlmSettings;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.MedTaskCoder;
import org.medinstruct.model.StageOutput;
import org.medinstruct.model.UserInputException;
import org.medinstruct.pipeline.options.GenerateOptions;
import org.medinstruct.stages.Example;
import org.medinstruct.stages.GenerateInstructions;
import org.medinstruct.stages.GenerateResponses;
import org.medinstruct.stages.GenerationRequest;
import org.medinstruct.stages.GenerationRequestCoder;
import org.medinstruct.stages.ModelParams;
import org.medinstruct.stages.Usage;
import org.medinstruct.tasks.InstructionPrompt;
import org.medinstruct.tasks.ResponsePrompt;
import org.medinstruct.tasks.SeedLoader;

/**
 * {@code generate --method=alpacare}: AlpaCare's reference configuration as one DAG. Generation
 * rounds (their prompts, sampling, max_tokens 500 and stop sequences) run until {@code
 * --targetInstructions × --overGenerate} tasks are parsed; then their filter.py runs ONCE over
 * every task of every round (drop-all: ROUGE-L F &gt; 0.7 against any other generated task drops
 * it; the seeds are not compared); every survivor is answered (their response prompt, max_tokens
 * 300). No other filter is applied, to tasks or answers, as in the reference scripts. Because
 * drop-all can remove tasks an earlier round kept, no exact size is promised: the run writes every
 * answered survivor and summary.json reports the size reached.
 *
 * <p>Outputs: the standard files of {@link WriteDataset}. Rejected: parse rejections and
 * duplicates. Failed: requests that failed after retries. Idempotent through the LLM journal.
 */
final class AlpacareMethod {
  static final String NAME = "alpacare";

  /** Their sampling: temperature 1.0, top_p 1.0, presence_penalty 1.5 (frequency_penalty 0). */
  static final double TEMPERATURE = 1.0;

  static final double TOP_P = 1.0;
  static final double PRESENCE_PENALTY = 1.5;
  static final int INSTRUCTION_MAX_TOKENS = 500;
  static final int RESPONSE_MAX_TOKENS = 300;
  static final double DEDUP_THRESHOLD = 0.7;

  /** How a drop-all rejection describes the drop: ROUGE-L F, then the other instruction. */
  static final String DROP_DETAIL = "drop-all: ROUGE-L %.4f with another generated task: %s";

  private final GenerateOptions options;
  private final LlmSettings llm;
  private final InstructionPrompt instructionPrompt;
  private final ResponsePrompt responsePrompt;

  AlpacareMethod(
      GenerateOptions options,
      LlmSettings llm,
      InstructionPrompt instructionPrompt,
      ResponsePrompt responsePrompt) {
    this.options = options;
    this.llm = llm;
    this.instructionPrompt = instructionPrompt;
    this.responsePrompt = responsePrompt;
  }

  /** True for --method=alpacare, false for medinstruct; any other value is a bad option. */
  static boolean selected(GenerateOptions o) {
    String m =
        o.getMethod() == null ? "" : o.getMethod().strip().toLowerCase(java.util.Locale.ROOT);
    switch (m) {
      case NAME:
        return true;
      case "medinstruct":
        return false;
      default:
        throw new UserInputException(
            "--method must be medinstruct or alpacare, got " + o.getMethod());
    }
  }

  /**
   * The command: (1) check the options this method uses; (2) load the prompt files and the seeds
   * verbatim, so bad input fails before anything is written; (3) dry run, or open the endpoint,
   * build and run the DAG.
   */
  static void run(GenerateOptions options, String[] args, PrintStream out)
      throws java.io.IOException {
    // 1. Options.
    if (!(options.getOverGenerate() >= 1)) {
      throw new UserInputException(
          "--overGenerate must be at least 1, got " + options.getOverGenerate());
    }
    if (options.getDecontaminate() != null && !options.getDecontaminate().isBlank()) {
      throw new UserInputException(
          "--decontaminate is not part of AlpaCare's reference configuration; use the dedup command"
              + " on the output, or --method=medinstruct");
    }
    if (options.getStructuredTasks()) {
      throw new UserInputException(
          "--structuredTasks is not part of AlpaCare's reference configuration (their text prompt"
              + " and parsing); use --method=medinstruct");
    }
    options.setMethod(NAME);
    // Their sampling, whatever the sampling options say (the dry run estimates with it too).
    options.setInstructionMaxTokens(INSTRUCTION_MAX_TOKENS);
    options.setResponseMaxTokens(RESPONSE_MAX_TOKENS);
    options.setInstructionTemperature(TEMPERATURE);
    options.setResponseTemperature(TEMPERATURE);
    options.setInstructionPresencePenalty(PRESENCE_PENALTY);
    options.setResponsePresencePenalty(PRESENCE_PENALTY);
    // max_tokens 500 holds about 4-5 tasks whatever the prompt asks for: plan the first round so.
    options.setAssumedYield(
        Math.min(
            options.getAssumedYield(),
            (double) INSTRUCTION_MAX_TOKENS
                / DryRun.TOKENS_PER_TASK
                / options.getTasksPerRequest()));

    // 2. Inputs: AlpaCare's prompt files (exit 2 naming a missing one) and the seeds as written.
    InstructionPrompt instructionPrompt = PromptFiles.alpacareInstruction(options);
    ResponsePrompt responsePrompt = PromptFiles.alpacareResponse(options);
    Path seedFile =
        options.getSeedTasks() != null
            ? Path.of(options.getSeedTasks())
            : PromptFiles.alpacareSeeds(options);
    List<MedTask> seeds =
        seedFile == null ? SeedLoader.loadDefault() : SeedLoader.loadVerbatim(seedFile);
    MedInstruct.requireEnoughSeeds(seeds, options.getSeedsPerPrompt());
    if (options.getDryRun()) {
      DryRun.print(options, seeds, instructionPrompt.template(), out);
      return;
    }

    // 3. The endpoint and the DAG.
    String progressDir = RunOutcome.progressDir(options.getCacheDir());
    try (Endpoint endpoint = Endpoint.open(options, out, progressDir)) {
      long started = System.currentTimeMillis();
      out.printf(
          "generate --method=alpacare: AlpaCare's reference configuration; generates %d tasks"
              + " (target %d x --overGenerate %s), runs drop-all once, answers the survivors; no"
              + " exact size is promised. Seeds %s (%d), models %s / %s, output %s%n",
          taskTarget(options),
          options.getTargetInstructions(),
          options.getOverGenerate(),
          seedFile == null ? "the project's own set" : seedFile,
          seeds.size(),
          options.getInstructionModel(),
          options.getResponseModel(),
          options.getOutput());
      Launch.prepare(options, args);
      AlpacareMethod method =
          new AlpacareMethod(options, endpoint.settings(), instructionPrompt, responsePrompt);
      Jobs.runSingle(
          options,
          options.getOutput(),
          -1,
          SummaryContext.forGenerate(options).withStopDir(endpoint.settings().progressDir()),
          progressDir,
          Endpoint.prices(options, options.getInstructionModel(), options.getResponseModel()),
          started,
          out,
          (p, shardDir) -> method.build(p, seeds, shardDir));
    }
  }

  /** Tasks to generate before the one dedup: the target times --overGenerate, rounded up. */
  static long taskTarget(GenerateOptions o) {
    return (long) Math.ceil(o.getTargetInstructions() * o.getOverGenerate());
  }

  /**
   * Adds the DAG to {@code p}, writing its records as shards into {@code shardDir}; the seeds were
   * loaded verbatim and validated by the caller.
   */
  void build(Pipeline p, List<MedTask> seedTasks, String shardDir) {
    // 1. Generation rounds until the task target is parsed.
    PCollectionView<RoundState> state =
        p.apply(
                "InitialRoundState",
                Create.of(RoundState.initial(taskTarget(options))).withCoder(RoundStateCoder.of()))
            .apply("InitialStateView", View.asSingleton());
    List<PCollection<MedTask>> tasks = new ArrayList<>();
    DeadLetters deadLetters = null;
    List<PCollection<Usage>> usage = new ArrayList<>();
    List<PCollection<OutputRecord>> records = new ArrayList<>();
    ModelParams generation =
        new ModelParams(
            options.getInstructionModel(),
            TEMPERATURE,
            TOP_P,
            PRESENCE_PENALTY,
            INSTRUCTION_MAX_TOKENS);
    double assumedTasksPerRequest = options.getTasksPerRequest() * options.getAssumedYield();
    for (int round = 1; round <= options.getMaxRounds(); round++) {
      String n = "Round" + round + "/";
      // This round's requests, sized from the tasks still missing and the tasks per request so far.
      PCollection<GenerationRequest> requests =
          p.apply(n + "Start", Create.of(round).withCoder(VarIntCoder.of()))
              .apply(
                  n + "PlanRequests",
                  ParDo.of(new PlanRequestsFn(state, assumedTasksPerRequest)).withSideInputs(state))
              .setCoder(GenerationRequestCoder.of());
      StageOutput<MedTask> generated =
          requests.apply(
              n + "GenerateInstructions",
              new GenerateInstructions(
                  llm,
                  generation,
                  seedTasks,
                  instructionPrompt,
                  options.getSeedsPerPrompt(),
                  options.getTasksPerRequest(),
                  options.getSeed()));
      tasks.add(generated.values());
      deadLetters = deadLetters == null ? DeadLetters.of(generated) : deadLetters.and(generated);
      usage.add(generated.extra(Usage.TAG));

      // The state the next round plans from ("accepted" counts parsed tasks here).
      PCollectionView<Long> requestCount =
          requests
              .apply(n + "CountRequests", Count.globally())
              .apply(n + "RequestCountView", View.asSingleton());
      PCollectionView<Long> taskCount =
          generated
              .values()
              .apply(n + "CountTasks", Count.globally())
              .apply(n + "TaskCountView", View.asSingleton());
      PCollection<RoundState> after =
          p.apply(n + "End", Create.of(round).withCoder(VarIntCoder.of()))
              .apply(
                  n + "MeasureRound",
                  ParDo.of(new NextStateFn(state, requestCount, taskCount))
                      .withSideInputs(state, requestCount, taskCount))
              .setCoder(RoundStateCoder.of());
      state = after.apply(n + "StateView", View.asSingleton());
      records.add(
          after
              .apply(
                  n + "RoundRecord",
                  MapElements.into(TypeDescriptor.of(OutputRecord.class))
                      .via(
                          (RoundState s) ->
                              new OutputRecord(
                                  OutputRecord.ROUND,
                                  String.format("%04d", s.round()),
                                  OutputRecords.roundJson(s))))
              .setCoder(OutputRecordCoder.of()));
    }

    // 2. Drop-all once over every generated task; the seeds are not in the comparison.
    PCollection<MedTask> allTasks =
        PCollectionList.of(tasks).apply("GatherGeneratedTasks", Flatten.pCollections());
    PCollectionView<List<MedTask>> noPool =
        p.apply("NoSeedsInComparison", Create.empty(MedTaskCoder.of()))
            .apply("EmptyPoolAsSideInput", View.asList());
    StageOutput<ScoredTask> dedup =
        allTasks.apply(
            "DropAllNearDuplicates",
            DeduplicateBySimilarity.against(noPool)
                .withPolicy(DedupPolicy.DROP_ALL)
                .withThreshold(DEDUP_THRESHOLD)
                .withDropDetail(DROP_DETAIL));

    // 3. Every survivor answered; no answer filter.
    StageOutput<Example> answered =
        dedup
            .values()
            .apply("ToExamples", new ToExamples(options.getInstructionModel()))
            .apply(
                "GenerateResponses",
                new GenerateResponses(
                    llm,
                    new ModelParams(
                        options.getResponseModel(),
                        TEMPERATURE,
                        TOP_P,
                        PRESENCE_PENALTY,
                        RESPONSE_MAX_TOKENS),
                    responsePrompt));
    usage.add(answered.extra(Usage.TAG));

    // 4. Every record to the standard files; no trim to a size.
    records.add(OutputRecords.accepted("AcceptedRecords", answered.values()));
    records.add(deadLetters.and(dedup).and(answered).apply("DeadLetters", new GatherDeadLetters()));
    records.add(
        OutputRecords.usage(
            "UsageRecords",
            PCollectionList.of(usage).apply("GatherUsage", Flatten.pCollections())));
    PCollectionList.of(records)
        .apply("GatherOutputRecords", Flatten.pCollections())
        .apply("WriteShards", new WriteShards(shardDir));
  }

  /** Emits a round's requests; indexes continue where the previous round stopped. */
  static final class PlanRequestsFn extends DoFn<Integer, GenerationRequest> {
    private final PCollectionView<RoundState> previous;
    private final double assumedTasksPerRequest;

    PlanRequestsFn(PCollectionView<RoundState> previous, double assumedTasksPerRequest) {
      this.previous = previous;
      this.assumedTasksPerRequest = assumedTasksPerRequest;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      RoundState s = c.sideInput(previous);
      long n = s.plannedRequests(assumedTasksPerRequest);
      for (long i = 0; i < n; i++) {
        c.output(GenerationRequest.planned(s.nextRequestIndex() + i, c.element()));
      }
    }
  }

  /** The state after a round: requests sent and tasks parsed so far. */
  static final class NextStateFn extends DoFn<Integer, RoundState> {
    private final PCollectionView<RoundState> previous;
    private final PCollectionView<Long> requests;
    private final PCollectionView<Long> tasks;

    NextStateFn(
        PCollectionView<RoundState> previous,
        PCollectionView<Long> requests,
        PCollectionView<Long> tasks) {
      this.previous = previous;
      this.requests = requests;
      this.tasks = tasks;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.output(
          c.sideInput(previous).after(c.element(), c.sideInput(requests), c.sideInput(tasks), 0));
    }
  }
}
