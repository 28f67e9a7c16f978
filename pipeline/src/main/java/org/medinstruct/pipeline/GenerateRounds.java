package org.medinstruct.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.medinstruct.llm.LlmSettings;
import org.medinstruct.model.FailureKind;
import org.medinstruct.model.MedTask;
import org.medinstruct.pipeline.options.GenerateOptions;

/**
 * Runs {@code generate} as one Beam job per round, then joins the rounds' shards into the dataset.
 *
 * <p>Each round's job ({@link GeneratePipeline#buildRound}) is planned from the state the earlier
 * rounds left in the run's hidden work area under the output directory: the requests sent so far
 * (the next request index), the pairs accepted so far (their shards are counted) and whether a
 * request was refused by the budget. The job is the same size in every round, so planning time does
 * not grow with the rounds. No round runs when the target is met or a stop reason is set. At the
 * end, {@link WriteDataset#join} writes the five files; the work area is then removed (also when a
 * round fails; the LLM journal under {@code --cacheDir} keeps what was paid for). A round an
 * earlier run with the same cache already finished is taken from {@link RoundCache} instead of
 * being run again.
 */
final class GenerateRounds {
  private final GenerateOptions options;
  private final LlmSettings llm;
  private final String template;
  private final List<MedTask> seeds;
  private final List<MedTask> evaluation;
  private final PrintStream out;

  GenerateRounds(
      GenerateOptions options,
      LlmSettings llm,
      String template,
      List<MedTask> seeds,
      List<MedTask> evaluation,
      PrintStream out) {
    this.options = options;
    this.llm = llm;
    this.template = template;
    this.seeds = seeds;
    this.evaluation = evaluation;
    this.out = out;
  }

  /** Runs the rounds and writes the dataset; returns the completed summary. */
  com.google.gson.JsonObject run(long startedMillis, String progressDir) throws IOException {
    ShardFiles work = ShardFiles.under(options.getOutput());
    String jobName = options.getJobName();
    org.medinstruct.llm.Prices prices =
        Endpoint.prices(options, options.getInstructionModel(), options.getResponseModel());
    if (options.getStructuredTasks() && !GeneratePipeline.structuredTasks(options, llm.catalog())) {
      out.printf(
          "warning: the models file says %s takes no response_format with a JSON schema"
              + " (structured_output: false): --structuredTasks falls back to the text prompt and"
              + " parser%n",
          options.getInstructionModel());
    }
    try (Jobs jobs =
        new Jobs(progressDir, prices, Jobs.simulated(options), options.getOutput(), out)) {
      RoundState state = RoundState.initial(options.getTargetInstructions());
      RoundCache cache = RoundCache.open(options, llm, template, seeds, evaluation);
      double assumedYield = options.getTasksPerRequest() * options.getAssumedYield();
      List<String> dirs = new ArrayList<>();
      List<String> rounds = new ArrayList<>();
      double spent = 0; // priced billed tokens of the rounds so far
      for (int round = 1; round <= options.getMaxRounds(); round++) {
        long requests = capped(state.plannedRequests(assumedYield));
        if (requests == 0) {
          break;
        }
        long roundStarted = System.currentTimeMillis();
        jobs.label("round " + round);
        String dir = work.round(round);
        GeneratePipeline.RoundPlan plan =
            new GeneratePipeline.RoundPlan(
                round, state.nextRequestIndex(), requests, List.copyOf(dirs), dir);
        String key = cache == null ? null : cache.key(plan);
        boolean reused = cache != null && cache.restore(key, dir);
        if (!reused) {
          options.setJobName(jobName + "-round" + round);
          Pipeline p = Pipeline.create(options);
          new GeneratePipeline(RoundConfig.of(options, roundLlm(spent), template, evaluation))
              .buildRound(p, plan, seeds);
          jobs.run(p);
          if (cache != null) {
            cache.save(key, dir, out);
          }
        }
        dirs.add(dir);
        spent += spend(dir, prices);
        long accepted = ShardFiles.count(dir, OutputRecord.ACCEPTED);
        state = state.after(round, requests, accepted, budgetRefusals(dir));
        rounds.add(reused ? OutputRecords.reusedRoundJson(state) : OutputRecords.roundJson(state));
        out.printf(
            "round %d: %d requests, %d pairs accepted (%d of %d), %.1f s%s%n",
            round,
            requests,
            accepted,
            state.acceptedSoFar(),
            state.target(),
            (System.currentTimeMillis() - roundStarted) / 1000.0,
            reused
                ? " (reused: finished by an earlier run with the same cache, options, code and"
                    + " journal)"
                : "");
      }
      options.setJobName(jobName);
      long joinStarted = System.currentTimeMillis();
      WriteDataset.join(
          dirs,
          rounds,
          options.getOutput(),
          options.getTargetInstructions(),
          SummaryContext.forGenerate(options).withStopDir(llm.progressDir()));
      out.printf(
          "joined the shards of %d rounds in %.1f s%n",
          dirs.size(), (System.currentTimeMillis() - joinStarted) / 1000.0);
      return RunOutcome.finish(options.getOutput(), startedMillis, out, jobs);
    } finally {
      work.delete();
    }
  }

  /** A round's planned requests under {@code --maxRequestsPerRound} (0: no cap). */
  private long capped(long planned) {
    long cap = options.getMaxRequestsPerRound();
    return cap > 0 ? Math.min(planned, cap) : planned;
  }

  /**
   * The LLM settings of a round's job: with {@code --maxCostUsd}, what is left of it after the
   * earlier rounds' spend. The budget lives in each worker JVM and a round's job may start in fresh
   * ones (a Flink job that uploads its jar loads our classes anew), so the client carries the spend
   * from round to round; a round's new budget also gives it a fresh worker state on the Direct
   * Runner, which is why the two never count a spend twice.
   */
  private LlmSettings roundLlm(double spent) {
    return llm.maxCostUsd() > 0 ? llm.withMaxCostUsd(roundBudget(llm.maxCostUsd(), spent)) : llm;
  }

  /** What is left of {@code max} after {@code spent}; never 0 (0 means "no budget"). */
  static double roundBudget(double max, double spent) {
    return Math.max(Double.MIN_NORMAL, max - spent);
  }

  /** What the round's completions cost (journal hits cost nothing), as the summary prices them. */
  static double spend(String dir, org.medinstruct.llm.Prices prices) throws IOException {
    double[] usd = {0};
    ShardFiles.forEachJson(
        dir,
        OutputRecord.USAGE,
        u -> {
          if (!u.get("fromCache").getAsBoolean()) {
            usd[0] +=
                prices.cost(
                    u.get("model").getAsString(),
                    u.get("promptTokens").getAsLong(),
                    u.get("completionTokens").getAsLong());
          }
        });
    return usd[0];
  }

  /** Requests of the round that the budget refused (the run stops after such a round). */
  private static long budgetRefusals(String dir) throws IOException {
    long[] n = {0};
    ShardFiles.forEachJson(
        dir,
        OutputRecord.FAILED,
        f -> {
          if (Summary.kindOf(f) == FailureKind.BUDGET) {
            n[0]++;
          }
        });
    return n[0];
  }
}
