package org.medinstruct.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
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
import org.medinstruct.model.Failure;
import org.medinstruct.model.FailureKind;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.Records;
import org.medinstruct.model.Rejection;
import org.medinstruct.pipeline.options.GenerateOptions;
import org.medinstruct.stages.Example;
import org.medinstruct.stages.FilterResponses;
import org.medinstruct.stages.FilterTasks;
import org.medinstruct.stages.GenerateInstructions;
import org.medinstruct.stages.GenerateResponses;
import org.medinstruct.stages.GenerationRequest;
import org.medinstruct.stages.ModelParams;
import org.medinstruct.stages.StageResult;
import org.medinstruct.tasks.TaskFilter.FilterSettings;

/**
 * The whole MedInstruct method as one DAG: seeds → generation requests → tasks → filters →
 * similarity dedup → responses → answer filters, unrolled into {@code --maxRounds} rounds. Each
 * round sizes its requests from the remaining deficit and the yield measured so far (a side input
 * of the previous round's state); a round with nothing left to do plans no requests. The output
 * writer trims the accepted pairs to exactly the target in (round, request, position) order.
 */
public final class GeneratePipeline {
  private final GenerateOptions options;
  private final LlmSettings llm;
  private final String template;
  private final FilterSettings filters;
  private final DedupPolicy policy;
  private PCollectionView<List<MedTask>> evaluation;

  public GeneratePipeline(GenerateOptions options, LlmSettings llm, String template) {
    this.options = options;
    this.llm = llm;
    this.template = template;
    this.filters = filterSettings(options);
    this.policy = DedupPolicy.parse(options.getDedupPolicy());
  }

  static FilterSettings filterSettings(GenerateOptions o) {
    return org.medinstruct.pipeline.options.TaskFilterOptions.filterSettings(o);
  }

  /**
   * Adds the DAG to {@code p}; the seeds and the evaluation items to keep out of the data (empty
   * for none) were loaded and validated by the caller.
   */
  public void build(Pipeline p, List<MedTask> seedTasks, List<MedTask> evaluationItems) {
    this.evaluation =
        evaluationItems.isEmpty()
            ? null
            : p.apply("ReadEvaluationSets", Create.of(evaluationItems).withCoder(SerializableCoder.of(MedTask.class)))
                .apply("EvaluationSetsAsSideInput", View.asList());
    // The seed tasks: prompt material and the first dedup pool.
    PCollection<MedTask> seeds =
        p.apply("ReadSeeds", Create.of(seedTasks).withCoder(SerializableCoder.of(MedTask.class)));

    PCollectionView<RoundState> state =
        p.apply(
                "InitialRoundState",
                Create.of(RoundState.initial(options.getTargetInstructions()))
                    .withCoder(SerializableCoder.of(RoundState.class)))
            .apply("InitialStateView", View.asSingleton());
    // Tasks earlier rounds contribute to the dedup pool.
    List<PCollection<MedTask>> pool = new ArrayList<>();
    if (policy == DedupPolicy.GREEDY) {
      pool.add(seeds);
    }
    List<PCollection<OutputRecord>> records = new ArrayList<>();
    for (int round = 1; round <= options.getMaxRounds(); round++) {
      Round r = new Round(round, state, seedTasks, pool);
      r.build(p);
      records.addAll(r.records);
      pool.add(policy == DedupPolicy.GREEDY ? r.kept : r.passed);
      state = r.next;
    }
    PCollection<OutputRecord> all =
        PCollectionList.of(records).apply("GatherOutputRecords", Flatten.pCollections());
    all.apply(
        "WriteDataset",
        new WriteDataset(
            options.getOutput(),
            options.getTargetInstructions(),
            SummaryContext.forGenerate(options).withStopDir(llm.progressDir())));
  }

  /** One round of the method; fields are its outputs. */
  private final class Round {
    final int number;
    final PCollectionView<RoundState> previous;
    final List<MedTask> seedTasks;
    final List<PCollection<MedTask>> poolSoFar;
    final List<PCollection<OutputRecord>> records = new ArrayList<>();
    PCollection<MedTask> kept;
    PCollection<MedTask> passed;
    PCollectionView<RoundState> next;

    Round(int number, PCollectionView<RoundState> previous, List<MedTask> seedTasks,
        List<PCollection<MedTask>> poolSoFar) {
      this.number = number;
      this.previous = previous;
      this.seedTasks = seedTasks;
      this.poolSoFar = poolSoFar;
    }

    void build(Pipeline p) {
      String n = "Round" + number + "/";
      // Requests this round sends, sized from the deficit and the yield so far.
      PCollection<GenerationRequest> requests =
          p.apply(n + "Start", Create.of(number).withCoder(VarIntCoder.of()))
              .apply(
                  n + "PlanRequests",
                  ParDo.of(
                          new PlanRequestsFn(
                              previous, options.getTasksPerRequest() * options.getAssumedYield()))
                      .withSideInputs(previous))
              .setCoder(SerializableCoder.of(GenerationRequest.class));
      StageResult<MedTask> generated =
          requests.apply(
              n + "GenerateInstructions",
              new GenerateInstructions(
                  llm,
                  new ModelParams(
                      options.getInstructionModel(),
                      options.getInstructionTemperature(),
                      1.0,
                      options.getInstructionPresencePenalty(),
                      options.getInstructionMaxTokens()),
                  seedTasks,
                  PromptFiles.instruction(options, template),
                  options.getSeedsPerPrompt(),
                  options.getTasksPerRequest(),
                  options.getSeed()));
      StageResult<MedTask> filtered =
          generated.output().apply(n + "FilterTasks", new FilterTasks(filters));
      passed = filtered.output();

      PCollectionView<List<MedTask>> poolView =
          (poolSoFar.isEmpty()
                  ? p.apply(n + "EmptyPool", Create.empty(SerializableCoder.of(MedTask.class)))
                  : PCollectionList.of(poolSoFar).apply(n + "GatherPool", Flatten.pCollections()))
              .apply(n + "PoolAsSideInput", View.asList());
      DeduplicateBySimilarity dedupStage =
          DeduplicateBySimilarity.against(poolView)
              .withPolicy(policy)
              .withThreshold(options.getDedupThreshold())
              .withProgressDir(llm.progressDir()); // dedup-index/join/decide progress lines
      if (evaluation != null) {
        dedupStage = dedupStage.withDecontamination(evaluation, options.getDecontaminationThreshold());
      }
      DeduplicateBySimilarity.Result dedup = passed.apply(n + "DeduplicateBySimilarity", dedupStage);
      kept =
          dedup
              .kept()
              .apply(n + "KeptTasks", MapElements.into(TypeDescriptor.of(MedTask.class)).via(ScoredTask::task))
              .setCoder(SerializableCoder.of(MedTask.class));
      String instructionModel = options.getInstructionModel();
      PCollection<Example> pending =
          dedup
              .kept()
              .apply(
                  n + "ToExamples",
                  MapElements.into(TypeDescriptor.of(Example.class))
                      .via(
                          (ScoredTask s) ->
                              Example.pending(
                                  s.task(), s.nearest(), s.rougeL(), s.nearestSeed(),
                                  s.nearestSeedRougeL(), instructionModel)))
              .setCoder(SerializableCoder.of(Example.class));
      StageResult<Example> answered =
          pending.apply(n + "GenerateResponses", new GenerateResponses(llm, responseParams(), PromptFiles.response(options)));
      StageResult<Example> accepted =
          answered.output().apply(n + "FilterResponses", new FilterResponses());

      PCollection<Rejection> duplicates =
          dedup.dropped().apply(n + "DuplicatesAsRejections", ParDo.of(new DuplicateRejectionFn()))
              .setCoder(SerializableCoder.of(Rejection.class));
      records.add(
          OutputRecords.rejections(
              n + "Rejected",
              PCollectionList.of(generated.rejected())
                  .and(filtered.rejected())
                  .and(duplicates)
                  .and(answered.rejected())
                  .and(accepted.rejected())
                  .apply(n + "GatherRejections", Flatten.pCollections())));
      PCollection<Failure> failed =
          PCollectionList.of(generated.failed())
              .and(answered.failed())
              .apply(n + "GatherFailures", Flatten.pCollections());
      records.add(OutputRecords.failures(n + "Failed", failed));
      records.add(
          OutputRecords.usage(
              n + "Usage",
              PCollectionList.of(generated.usage())
                  .and(answered.usage())
                  .apply(n + "GatherUsage", Flatten.pCollections())));
      records.add(OutputRecords.accepted(n + "Accepted", accepted.output()));

      // The state the next round plans from.
      PCollectionView<Long> requestCount =
          requests.apply(n + "CountRequests", Count.globally()).apply(n + "RequestCountView", View.asSingleton());
      PCollectionView<Long> acceptedCount =
          accepted.output().apply(n + "CountAccepted", Count.globally()).apply(n + "AcceptedCountView", View.asSingleton());
      PCollectionView<Long> budgetRefusals =
          failed
              .apply(n + "BudgetRefusals", Filter.by((Failure f) -> f.kind() == FailureKind.BUDGET))
              .apply(n + "CountBudgetRefusals", Count.globally())
              .apply(n + "BudgetRefusalView", View.asSingleton());
      PCollection<RoundState> after =
          p.apply(n + "End", Create.of(number).withCoder(VarIntCoder.of()))
              .apply(
                  n + "MeasureRound",
                  ParDo.of(new NextStateFn(previous, requestCount, acceptedCount, budgetRefusals))
                      .withSideInputs(previous, requestCount, acceptedCount, budgetRefusals))
              .setCoder(SerializableCoder.of(RoundState.class));
      next = after.apply(n + "StateView", View.asSingleton());
      records.add(
          after.apply(
                  n + "RoundRecord",
                  MapElements.into(TypeDescriptor.of(OutputRecord.class))
                      .via(
                          (RoundState s) ->
                              new OutputRecord(
                                  OutputRecord.ROUND, String.format("%04d", s.round()), OutputRecords.roundJson(s))))
              .setCoder(SerializableCoder.of(OutputRecord.class)));
    }
  }

  private ModelParams responseParams() {
    return new ModelParams(
        options.getResponseModel(),
        options.getResponseTemperature(),
        1.0,
        options.getResponsePresencePenalty(),
        options.getResponseMaxTokens());
  }

  /** Emits this round's requests: indexes continue where the previous round stopped. */
  static final class PlanRequestsFn extends DoFn<Integer, GenerationRequest> {
    private final PCollectionView<RoundState> previous;
    private final double assumedYieldPerRequest;

    PlanRequestsFn(PCollectionView<RoundState> previous, double assumedYieldPerRequest) {
      this.previous = previous;
      this.assumedYieldPerRequest = assumedYieldPerRequest;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      RoundState s = c.sideInput(previous);
      long n = s.plannedRequests(assumedYieldPerRequest);
      for (long i = 0; i < n; i++) {
        c.output(GenerationRequest.planned(s.nextRequestIndex() + i, c.element()));
      }
    }
  }

  static final class NextStateFn extends DoFn<Integer, RoundState> {
    private final PCollectionView<RoundState> previous;
    private final PCollectionView<Long> requests;
    private final PCollectionView<Long> accepted;
    private final PCollectionView<Long> budgetRefusals;

    NextStateFn(PCollectionView<RoundState> previous, PCollectionView<Long> requests,
        PCollectionView<Long> accepted, PCollectionView<Long> budgetRefusals) {
      this.previous = previous;
      this.requests = requests;
      this.accepted = accepted;
      this.budgetRefusals = budgetRefusals;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.output(
          c.sideInput(previous)
              .after(c.element(), c.sideInput(requests), c.sideInput(accepted), c.sideInput(budgetRefusals)));
    }
  }

  /** A task the dedup stage dropped, with the instruction that knocked it out. */
  static final class DuplicateRejectionFn extends DoFn<ScoredTask, Rejection> {
    @ProcessElement
    public void process(@Element ScoredTask s, OutputReceiver<Rejection> out) {
      com.google.gson.JsonObject o = Records.task(s.task());
      o.addProperty("nearest", s.nearest());
      o.add("rougeL", Records.score(s.rougeL()));
      String reason = s.reason() == null ? "duplicate" : s.reason();
      out.output(
          new Rejection(
              "decontaminated".equals(reason) ? "decontaminate" : "dedup",
              reason,
              String.format("ROUGE-L %.4f with: %s", s.rougeL(), s.nearest()),
              Records.toJson(o)));
    }
  }
}
