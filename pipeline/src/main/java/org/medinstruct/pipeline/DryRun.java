package org.medinstruct.pipeline;

import java.io.PrintStream;
import java.util.List;
import org.medinstruct.llm.Prices;
import org.medinstruct.model.MedTask;
import org.medinstruct.pipeline.options.GenerateOptions;
import org.medinstruct.tasks.InstructionPrompt;
import org.medinstruct.tasks.ResponsePrompt;
import org.medinstruct.tasks.SeedSampler;

/**
 * {@code generate --dryRun}: estimates requests, tokens and cost before anything is spent. Prompt
 * tokens are measured on real rendered prompts (characters / 4); completion sizes and yields are
 * the stated assumptions below.
 */
final class DryRun {
  /** Tokens per generated task in a completion (AlpaCare-sized tasks). */
  static final int TOKENS_PER_TASK = 110;

  /** Tokens per answer. */
  static final int TOKENS_PER_ANSWER = 350;

  /** Share of deduplicated tasks whose answer is accepted. */
  static final double ANSWER_YIELD = 0.95;

  private DryRun() {}

  static void print(GenerateOptions o, List<MedTask> seeds, String template, PrintStream out) {
    InstructionPrompt prompt = InstructionPrompt.of(template);
    ResponsePrompt responsePrompt = ResponsePrompt.defaultPrompt();
    int samples = 20;
    long promptChars = 0;
    long seedChars = 0;
    for (int i = 0; i < samples; i++) {
      List<MedTask> sample = SeedSampler.sample(seeds, o.getSeedsPerPrompt(), o.getSeed(), i);
      promptChars += prompt.render(sample, o.getTasksPerRequest()).length();
    }
    for (MedTask t : seeds) {
      seedChars += responsePrompt.messages(t).stream().mapToInt(m -> m.content().length()).sum();
    }
    long target = o.getTargetInstructions();
    double tasksYield = o.getTasksPerRequest() * o.getAssumedYield();
    long genRequests = (long) Math.ceil(target / tasksYield * 1.1);
    long genPrompt = genRequests * (promptChars / samples / 4);
    long genCompletion =
        genRequests
            * Math.min(
                o.getInstructionMaxTokens(), (long) o.getTasksPerRequest() * TOKENS_PER_TASK);
    long respRequests = (long) Math.ceil(target / ANSWER_YIELD);
    long respPrompt = respRequests * (seedChars / Math.max(1, seeds.size()) / 4);
    long respCompletion = respRequests * Math.min(o.getResponseMaxTokens(), TOKENS_PER_ANSWER);
    Prices prices = Endpoint.prices(o);
    double genCost = prices.cost(o.getInstructionModel(), genPrompt, genCompletion);
    double respCost = prices.cost(o.getResponseModel(), respPrompt, respCompletion);
    out.println("DRY RUN: nothing is sent. Estimate for --targetInstructions=" + target + ":");
    out.printf(
        "  instructions  %-16s %8d requests %10d prompt + %10d completion tokens  $%.2f%n",
        o.getInstructionModel(), genRequests, genPrompt, genCompletion, genCost);
    out.printf(
        "  responses     %-16s %8d requests %10d prompt + %10d completion tokens  $%.2f%n",
        o.getResponseModel(), respRequests, respPrompt, respCompletion, respCost);
    out.printf(
        "  total         $%.2f before journal reuse (journaled completions cost nothing)%n",
        genCost + respCost);
    if (prices.batchPrices()) {
      double online =
          prices.cost(o.getInstructionModel(), genPrompt, genCompletion, false)
              + prices.cost(o.getResponseModel(), respPrompt, respCompletion, false);
      out.printf(
          "  at Batch API prices (--llmMode=batch); online the same would cost $%.2f (saving"
              + " $%.2f)%n",
          online, online - genCost - respCost);
    }
    out.printf(
        "  assumptions: %.1f accepted pairs per generation request, %d tokens per task, %d per"
            + " answer%n",
        tasksYield, TOKENS_PER_TASK, TOKENS_PER_ANSWER);
    if (o.getMaxCostUsd() > 0 && genCost + respCost > o.getMaxCostUsd()) {
      out.printf(
          "  WARNING: the estimate exceeds --maxCostUsd=%.2f; the run would stop at its budget%n",
          o.getMaxCostUsd());
    }
  }
}
