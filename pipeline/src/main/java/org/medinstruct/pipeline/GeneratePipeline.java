package org.medinstruct.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
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
import org.medinstruct.model.Records;
import org.medinstruct.model.Rejection;
import org.medinstruct.model.RejectionCoder;
import org.medinstruct.pipeline.options.GenerateOptions;
import org.medinstruct.stages.CreateElements;
import org.medinstruct.stages.Example;
import org.medinstruct.stages.ExampleCoder;
import org.medinstruct.stages.FilterResponses;
import org.medinstruct.stages.FilterTasks;
import org.medinstruct.stages.GenerateInstructions;
import org.medinstruct.stages.GenerateResponses;
import org.medinstruct.stages.GenerationRequest;
import org.medinstruct.stages.GenerationRequestCoder;
import org.medinstruct.stages.ModelParams;
import org.medinstruct.stages.StageResult;
import org.medinstruct.tasks.TaskFilter.FilterSettings;

/**
 * One round of the MedInstruct method as one Beam job: planned generation requests → tasks →
 * filters → similarity dedup against the pool (the seeds and every task earlier rounds kept) →
 * responses → answer filters. The job writes all its records, and the tasks this round adds to the
 * pool, as parallel shards into the round's directory ({@link WriteShards}); {@link
 * GenerateRounds} plans the rounds from what earlier rounds wrote and joins the shards at the end.
 */
public final class GeneratePipeline {
  private final GenerateOptions options;
  private final LlmSettings llm;
  private final String template;
  private final FilterSettings filters;
  private final DedupPolicy policy;

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
   * What one round's job does: send requests {@code firstRequest} .. {@code firstRequest +
   * requests - 1}, dedup against the seeds (greedy policy) and the pool shards in {@code
   * poolDirs}, and write into {@code dir}.
   */
  public record RoundPlan(int round, long firstRequest, long requests, List<String> poolDirs, String dir) {}

  /**
   * Adds round {@code plan}'s job to {@code p}; the seeds and the evaluation items to keep out of
   * the data (empty for none) were loaded and validated by the caller.
   */
  public void buildRound(Pipeline p, RoundPlan plan, List<MedTask> seedTasks, List<MedTask> evaluationItems) {
    // Requests this round sends; their indexes continue where the previous round stopped.
    PCollection<GenerationRequest> requests =
        p.apply("Start", Create.of(plan.round()).withCoder(VarIntCoder.of()))
            .apply("PlanRequests", ParDo.of(new PlanRequestsFn(plan.firstRequest(), plan.requests())))
            .setCoder(GenerationRequestCoder.of());
    StageResult<MedTask> generated =
        requests.apply(
            "GenerateInstructions",
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
    StageResult<MedTask> filtered = generated.output().apply("FilterTasks", new FilterTasks(filters));
    PCollection<MedTask> passed = filtered.output();

    DeduplicateBySimilarity.Result dedup =
        passed.apply("DeduplicateBySimilarity", dedupStage(p, plan, seedTasks, evaluationItems));
    PCollection<MedTask> kept =
        dedup
            .kept()
            .apply("KeptTasks", MapElements.into(TypeDescriptor.of(MedTask.class)).via(ScoredTask::task))
            .setCoder(MedTaskCoder.of());
    String instructionModel = options.getInstructionModel();
    PCollection<Example> pending =
        dedup
            .kept()
            .apply(
                "ToExamples",
                MapElements.into(TypeDescriptor.of(Example.class))
                    .via(
                        (ScoredTask s) ->
                            Example.pending(
                                s.task(), s.nearest(), s.rougeL(), s.nearestSeed(),
                                s.nearestSeedRougeL(), instructionModel)))
            .setCoder(ExampleCoder.of());
    StageResult<Example> answered =
        pending.apply("GenerateResponses", new GenerateResponses(llm, responseParams(), PromptFiles.response(options)));
    StageResult<Example> accepted = answered.output().apply("FilterResponses", new FilterResponses());

    // Every record of the round, and the tasks it adds to the pool, as shards of one writer.
    PCollection<Rejection> duplicates =
        dedup.dropped().apply("DuplicatesAsRejections", ParDo.of(new DuplicateRejectionFn()))
            .setCoder(RejectionCoder.of());
    PCollection<OutputRecord> rejected =
        OutputRecords.rejections(
            "Rejected",
            PCollectionList.of(generated.rejected())
                .and(filtered.rejected())
                .and(duplicates)
                .and(answered.rejected())
                .and(accepted.rejected())
                .apply("GatherRejections", Flatten.pCollections()));
    PCollection<OutputRecord> failed =
        OutputRecords.failures(
            "Failed",
            PCollectionList.of(generated.failed()).and(answered.failed())
                .apply("GatherFailures", Flatten.pCollections()));
    PCollection<OutputRecord> usage =
        OutputRecords.usage(
            "Usage",
            PCollectionList.of(generated.usage()).and(answered.usage())
                .apply("GatherUsage", Flatten.pCollections()));
    PCollection<OutputRecord> pool =
        OutputRecords.pool("PoolTasks", policy == DedupPolicy.GREEDY ? kept : passed);
    PCollectionList.of(OutputRecords.accepted("Accepted", accepted.output()))
        .and(rejected)
        .and(failed)
        .and(usage)
        .and(pool)
        .apply("GatherOutputRecords", Flatten.pCollections())
        .apply("WriteShards", new WriteShards(plan.dir()));
  }

  /**
   * The dedup stage of a round: its pool is the seeds (greedy policy) and the tasks earlier rounds
   * added, read back from their shards; the evaluation items, if any, are decontaminated first.
   */
  private DeduplicateBySimilarity dedupStage(
      Pipeline p, RoundPlan plan, List<MedTask> seedTasks, List<MedTask> evaluationItems) {
    List<String> patterns = new ArrayList<>();
    plan.poolDirs().forEach(d -> patterns.add(ShardFiles.pattern(d, OutputRecord.POOL)));
    PCollection<MedTask> earlier =
        p.apply("PoolShardPatterns", CreateElements.of(patterns, StringUtf8Coder.of()))
            .apply("MatchPoolShards", FileIO.matchAll().withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW))
            .apply("OpenPoolShards", FileIO.readMatches())
            .apply("ReadPoolShards", ParDo.of(new ReadLinesFn()))
            .setCoder(StringUtf8Coder.of())
            .apply("ParsePoolTasks", ParDo.of(new ParsePoolTaskFn()))
            .setCoder(MedTaskCoder.of());
    PCollectionList<MedTask> parts = PCollectionList.of(earlier);
    if (policy == DedupPolicy.GREEDY) {
      parts = parts.and(p.apply("ReadSeeds", CreateElements.of(seedTasks, MedTaskCoder.of())));
    }
    PCollectionView<List<MedTask>> poolView =
        parts.apply("GatherPool", Flatten.pCollections()).apply("PoolAsSideInput", View.asList());
    DeduplicateBySimilarity stage =
        DeduplicateBySimilarity.against(poolView)
            .withPolicy(policy)
            .withThreshold(options.getDedupThreshold())
            .withProgressDir(llm.progressDir()); // dedup-index/join/decide progress lines
    if (!evaluationItems.isEmpty()) {
      PCollectionView<List<MedTask>> evaluation =
          p.apply("ReadEvaluationSets", CreateElements.of(evaluationItems, MedTaskCoder.of()))
              .apply("EvaluationSetsAsSideInput", View.asList());
      stage = stage.withDecontamination(evaluation, options.getDecontaminationThreshold());
    }
    return stage;
  }

  private ModelParams responseParams() {
    return new ModelParams(
        options.getResponseModel(),
        options.getResponseTemperature(),
        1.0,
        options.getResponsePresencePenalty(),
        options.getResponseMaxTokens());
  }

  /** Emits this round's requests: {@code count} indexes from {@code first}. */
  static final class PlanRequestsFn extends DoFn<Integer, GenerationRequest> {
    private final long first;
    private final long count;

    PlanRequestsFn(long first, long count) {
      this.first = first;
      this.count = count;
    }

    @ProcessElement
    public void process(@Element Integer round, OutputReceiver<GenerationRequest> out) {
      for (long i = 0; i < count; i++) {
        out.output(GenerationRequest.planned(first + i, round));
      }
    }
  }

  /**
   * Every line of a pool shard file, in file order (a shard is one worker's output of one round, so
   * it is read whole rather than split into ranges).
   */
  static final class ReadLinesFn extends DoFn<FileIO.ReadableFile, String> {
    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<String> out) throws java.io.IOException {
      try (java.io.BufferedReader r = new java.io.BufferedReader(
          java.nio.channels.Channels.newReader(file.open(), java.nio.charset.StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          out.output(line);
        }
      }
    }
  }

  /** A pool shard line (written by {@link OutputRecords#pool}) back into its task. */
  static final class ParsePoolTaskFn extends DoFn<String, MedTask> {
    @ProcessElement
    public void process(@Element String line, OutputReceiver<MedTask> out) {
      if (!line.isEmpty()) {
        out.output(OutputRecords.poolTask(OutputRecord.fromShardLine(OutputRecord.POOL, line).json()));
      }
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
