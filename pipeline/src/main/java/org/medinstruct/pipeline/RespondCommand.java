package org.medinstruct.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.medinstruct.llm.LlmSettings;
import org.medinstruct.llm.Prices;
import org.medinstruct.llm.PromptLimit;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.MedTaskCoder;
import org.medinstruct.model.StageOutput;
import org.medinstruct.pipeline.options.CommandOptions;
import org.medinstruct.pipeline.options.RespondOptions;
import org.medinstruct.stages.CreateElements;
import org.medinstruct.stages.Example;
import org.medinstruct.stages.ExampleCoder;
import org.medinstruct.stages.FilterResponses;
import org.medinstruct.stages.GenerateResponses;
import org.medinstruct.stages.ModelParams;
import org.medinstruct.stages.Usage;

/**
 * {@code respond}: answers for an existing JSONL of tasks, through the same response stage, answer
 * filters and output files as {@code generate} (every task is answered; no target trim).
 */
public final class RespondCommand {
  private RespondCommand() {}

  public static void run(String[] args, PrintStream out) throws Exception {
    RespondOptions options = CommandOptions.parse("respond", args, RespondOptions.class);
    RunOutcome.checkOutput(options.getOutput());
    List<MedTask> tasks = TaskFile.read(Path.of(options.getInput()));
    PromptFiles.response(options); // a bad --responsePromptFile fails before anything runs
    // A budget must be able to hold: the model needs a price (exit 2 before anything is sent).
    Prices prices = Endpoint.prices(options, options.getResponseModel());
    String progressDir = RunOutcome.progressDir(options.getCacheDir());
    try (Endpoint endpoint = Endpoint.open(options, out, progressDir);
        CacheDirLock preflight =
            Preflight.check(options, endpoint, List.of(options.getResponseModel()), out)) {
      long started = System.currentTimeMillis();
      out.printf(
          "respond: %d tasks from %s, model %s, output %s%n",
          tasks.size(), options.getInput(), options.getResponseModel(), options.getOutput());
      Launch.prepare(options, args);
      Jobs.runSingle(
          options,
          options.getOutput(),
          -1,
          SummaryContext.forRespond(options).withStopDir(endpoint.settings().progressDir()),
          progressDir,
          prices,
          started,
          out,
          (p, shardDir) -> build(p, options, endpoint.settings(), tasks, shardDir));
    }
  }

  /** Adds the job to {@code p}; it writes its records as shards into {@code shardDir}. */
  static void build(
      Pipeline p, RespondOptions o, LlmSettings llm, List<MedTask> tasks, String shardDir) {
    // The tasks waiting for answers. No Reshuffle here: CallLlm groups the requests into shards
    // itself (that spreads them over workers), and a Reshuffle before it made the DirectRunner
    // process every task as its own bundle in each step up to CallLlm (about a minute of per-bundle
    // overhead before the first request of a 3000-task run on a 2-core machine).
    PCollection<Example> pending =
        p.apply("ReadTasks", CreateElements.of(tasks, MedTaskCoder.of()))
            .apply(
                "ToExamples",
                MapElements.into(TypeDescriptor.of(Example.class))
                    .via(
                        (MedTask t) ->
                            Example.pending(t, null, Double.NaN, null, Double.NaN, null)))
            .setCoder(ExampleCoder.of());
    StageOutput<Example> answered =
        pending.apply(
            "GenerateResponses",
            new GenerateResponses(
                llm,
                new ModelParams(
                    o.getResponseModel(),
                    o.getResponseTemperature(),
                    1.0,
                    o.getResponsePresencePenalty(),
                    o.getResponseMaxTokens()),
                PromptFiles.response(o),
                PromptLimit.of(
                    o.getMaxPromptTokens(),
                    o.getResponseModel(),
                    o.getResponseMaxTokens(),
                    PromptLimit.from(llm.catalog()))));
    StageOutput<Example> accepted =
        answered
            .values()
            .apply("FilterResponses", new FilterResponses())
            .after("AfterResponses", answered);
    PCollectionList.of(OutputRecords.accepted("AcceptedRecords", accepted.values()))
        .and(DeadLetters.of(accepted).apply("DeadLetters", new GatherDeadLetters()))
        .and(OutputRecords.usage("UsageRecords", accepted.extra(Usage.TAG)))
        .apply("GatherOutputRecords", Flatten.pCollections())
        .apply("WriteShards", new WriteShards(shardDir));
  }
}
