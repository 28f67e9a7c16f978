package org.medinstruct.pipeline;

import java.util.List;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.medinstruct.dedup.DedupPolicy;
import org.medinstruct.dedup.DeduplicateBySimilarity;
import org.medinstruct.dedup.ScoredTask;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.MedTaskCoder;
import org.medinstruct.model.StageOutput;
import org.medinstruct.pipeline.options.GenerateOptions;
import org.medinstruct.stages.CreateElements;
import org.medinstruct.stages.Example;
import org.medinstruct.stages.FilterResponses;
import org.medinstruct.stages.FilterTasks;
import org.medinstruct.stages.GenerateInstructions;
import org.medinstruct.stages.GenerateResponses;
import org.medinstruct.stages.GenerationRequest;
import org.medinstruct.stages.GenerationRequestCoder;
import org.medinstruct.stages.ModelParams;
import org.medinstruct.stages.Usage;
import org.medinstruct.tasks.TaskFilter.FilterSettings;

/**
 * One round of the MedInstruct method as one composite transform ({@link MedInstruct#round}):
 * planned generation requests → tasks → filters → similarity dedup against the pool (the seeds,
 * with the greedy policy, and the pool so far) → responses → answer filters.
 *
 * <p>Input: {@link RoundInput}, the seeds and the pool so far. Output: {@link RoundResult}, the
 * accepted records, the rejected tasks and pairs (with reasons), the failed requests (dead
 * letters), the token usage and the tasks this round adds to the pool. Idempotent through the LLM
 * journal: the requests are fixed by the run seed and their indexes, so a rerun pays nothing twice.
 */
public final class GenerateRound extends PTransform<RoundInput, RoundResult> {
  private final RoundConfig config;
  private final FilterSettings filters;
  private final DedupPolicy policy;

  GenerateRound(RoundConfig config) {
    this.config = config;
    this.filters =
        org.medinstruct.pipeline.options.TaskFilterOptions.filterSettings(config.options());
    this.policy = DedupPolicy.parse(config.options().getDedupPolicy());
  }

  @Override
  public RoundResult expand(RoundInput input) {
    GenerateOptions options = config.options();
    // The seeds in one list for the prompt sampler (a side input read once per worker).
    PCollectionView<List<MedTask>> seedList =
        input.seeds().apply("SeedsAsSideInput", View.asList());
    // Requests this round sends; their indexes continue where the previous round stopped.
    PCollection<GenerationRequest> requests =
        input
            .getPipeline()
            .apply("Start", Create.of(config.round()).withCoder(VarIntCoder.of()))
            .apply(
                "PlanRequests",
                ParDo.of(new PlanRequestsFn(config.firstRequest(), config.requests())))
            .setCoder(GenerationRequestCoder.of());
    // New tasks parsed from the instruction model's completions.
    StageOutput<MedTask> generated =
        requests.apply(
            "GenerateInstructions",
            new GenerateInstructions(
                    config.llm(),
                    new ModelParams(
                        options.getInstructionModel(),
                        options.getInstructionTemperature(),
                        1.0,
                        options.getInstructionPresencePenalty(),
                        options.getInstructionMaxTokens()),
                    List.of(),
                    PromptFiles.instruction(options, config.template()),
                    options.getSeedsPerPrompt(),
                    options.getTasksPerRequest(),
                    options.getSeed())
                .withSeedsFrom(seedList)
                .withStructuredTasks(
                    GeneratePipeline.structuredTasks(options, config.llm().catalog())));
    // Tasks that pass AlpaCare's rules. Each stage's output carries the rejections, failures and
    // usage of the stages before it, so the last one holds the whole round's.
    StageOutput<MedTask> filtered =
        generated
            .values()
            .apply("FilterTasks", new FilterTasks(filters))
            .after("AfterGeneration", generated);
    PCollection<MedTask> passed = filtered.values();
    // Tasks the dedup kept, with their scores; the dropped ones are rejections naming the
    // instruction that knocked them out.
    StageOutput<ScoredTask> dedup =
        passed.apply("DeduplicateBySimilarity", dedupStage(input)).after("AfterFilter", filtered);
    // Tasks the dedup kept, without their scores.
    PCollection<MedTask> kept =
        dedup
            .values()
            .apply(
                "KeptTasks",
                MapElements.into(TypeDescriptor.of(MedTask.class)).via(ScoredTask::task))
            .setCoder(MedTaskCoder.of());
    // Kept tasks waiting for their responses.
    PCollection<Example> pending =
        dedup.values().apply("ToExamples", new ToExamples(options.getInstructionModel()));
    StageOutput<Example> answered =
        pending
            .apply(
                "GenerateResponses",
                new GenerateResponses(
                    config.llm(), responseParams(), PromptFiles.response(options)))
            .after("AfterDedup", dedup);
    StageOutput<Example> accepted =
        answered
            .values()
            .apply("FilterResponses", new FilterResponses())
            .after("AfterResponses", answered);
    return new RoundResult(
        accepted.values(),
        accepted.rejected(),
        accepted.failed(),
        accepted.extra(Usage.TAG),
        policy == DedupPolicy.GREEDY ? kept : passed);
  }

  /**
   * The dedup stage: its pool is the pool so far plus, with the greedy policy, the seeds; the
   * evaluation items, if any, are decontaminated first.
   */
  private DeduplicateBySimilarity dedupStage(RoundInput input) {
    PCollectionList<MedTask> parts = PCollectionList.of(input.pool());
    if (policy == DedupPolicy.GREEDY) {
      parts = parts.and(input.seeds());
    }
    PCollectionView<List<MedTask>> poolView =
        parts.apply("GatherPool", Flatten.pCollections()).apply("PoolAsSideInput", View.asList());
    DeduplicateBySimilarity stage =
        DeduplicateBySimilarity.against(poolView)
            .withPolicy(policy)
            .withThreshold(config.options().getDedupThreshold())
            .withProgressDir(config.llm().progressDir()); // dedup-index/join/decide progress lines
    if (!config.evaluationItems().isEmpty()) {
      PCollectionView<List<MedTask>> evaluation =
          input
              .getPipeline()
              .apply(
                  "ReadEvaluationSets",
                  CreateElements.of(config.evaluationItems(), MedTaskCoder.of()))
              .apply("EvaluationSetsAsSideInput", View.asList());
      stage = stage.withDecontamination(evaluation, config.options().getDecontaminationThreshold());
    }
    return stage;
  }

  private ModelParams responseParams() {
    GenerateOptions options = config.options();
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
}
