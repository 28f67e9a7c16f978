package org.medinstruct.pipeline;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.medinstruct.llm.Prices;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.UserInputException;
import org.medinstruct.pipeline.options.GenerateOptions;
import org.medinstruct.tasks.SeedLoader;

/**
 * The library's entry points.
 *
 * <ul>
 *   <li>{@link #round}: one round of the method as a composite transform for any Beam pipeline:
 *       seeds and the pool so far in ({@link RoundInput}), accepted records, rejected, failed,
 *       usage and the pool's new tasks out ({@link RoundResult}).
 *   <li>{@link #run}: what {@code runners/medinstruct generate} does, from options: one Beam job
 *       per round ({@link GenerateRounds}), each built from {@link #round}, until the target is
 *       met, then the dataset files and summary.json under {@code --output}.
 * </ul>
 */
public final class MedInstruct {
  private MedInstruct() {}

  /** One round as a composite transform; apply it with {@link RoundInput#apply}. */
  public static GenerateRound round(RoundConfig config) {
    return new GenerateRound(config);
  }

  /**
   * Runs {@code generate} with these options, printing progress to stdout; see {@link
   * #run(GenerateOptions, PrintStream)}.
   */
  public static JsonObject run(GenerateOptions options) throws IOException {
    return run(options, System.out);
  }

  /**
   * Runs {@code generate} with these options: checks them and the inputs (a {@link
   * UserInputException} before anything is written), opens the endpoint (the built-in simulated
   * one, a test double for a paid API, when neither {@code --llmBaseUrl} nor a key is given), runs
   * the rounds and writes the dataset. Returns the completed summary.json (null for {@code
   * --dryRun}, and for {@code --method=alpacare}, whose summary.json is in {@code --output}); a run
   * that did not do what was asked throws ({@link org.medinstruct.model.RunStatusException} and
   * others carry the exit status).
   */
  public static JsonObject run(GenerateOptions options, PrintStream out) throws IOException {
    return run(options, new String[0], out);
  }

  static JsonObject run(GenerateOptions options, String[] args, PrintStream out)
      throws IOException {
    // 1. Cross-field checks.
    GenerateCommand.validate(options);
    // --method=alpacare: AlpaCare's reference configuration, in its own DAG.
    if (AlpacareMethod.selected(options)) {
      AlpacareMethod.run(options, args, out);
      return null;
    }

    // 2. Inputs, validated before anything is written.
    List<MedTask> seeds =
        options.getSeedTasks() == null
            ? SeedLoader.loadDefault()
            : SeedLoader.load(Path.of(options.getSeedTasks()));
    MedInstruct.requireEnoughSeeds(seeds, options.getSeedsPerPrompt());
    String template = GenerateCommand.loadTemplate(options.getInstructionPromptFile());
    List<MedTask> evaluation = GenerateCommand.evaluationItems(options.getDecontaminate());

    // A budget must be able to hold: every model needs a price (exit 2 before anything is sent).
    Prices prices =
        Endpoint.prices(options, options.getInstructionModel(), options.getResponseModel());
    if (options.getDryRun()) {
      DryRun.print(options, seeds, template, out);
      return null;
    }

    // 3. The endpoint (the simulated one when there is neither a URL nor a key).
    String progressDir = RunOutcome.progressDir(options.getCacheDir());
    try (Endpoint endpoint = Endpoint.open(options, out, progressDir);
        CacheDirLock preflight =
            Preflight.check(
                options,
                endpoint,
                List.of(options.getInstructionModel(), options.getResponseModel()),
                out)) {
      // 4. One job per round, then the dataset joined from their shards.
      long started = System.currentTimeMillis();
      out.printf(
          "generate: target %d pairs, seed %d, %d seed tasks, models %s / %s, output %s%n",
          options.getTargetInstructions(),
          options.getSeed(),
          seeds.size(),
          options.getInstructionModel(),
          options.getResponseModel(),
          options.getOutput());
      Launch.prepare(options, args);
      return new GenerateRounds(options, endpoint.settings(), template, seeds, evaluation, out)
          .run(started, progressDir);
    }
  }

  /** Exit 2 (bad input) when there are fewer seeds than one prompt samples. */
  static void requireEnoughSeeds(List<MedTask> seeds, int seedsPerPrompt) {
    if (seeds.size() < seedsPerPrompt) {
      throw new UserInputException(
          "--seedTasks: "
              + seeds.size()
              + " seed tasks, fewer than --seedsPerPrompt="
              + seedsPerPrompt);
    }
  }
}
