package org.medinstruct.pipeline;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.medinstruct.dedup.DedupPolicy;
import org.medinstruct.llm.Prices;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.UserInputException;
import org.medinstruct.pipeline.options.CommandOptions;
import org.medinstruct.pipeline.options.GenerateOptions;
import org.medinstruct.tasks.InstructionPrompt;
import org.medinstruct.tasks.SeedLoader;

/**
 * {@code generate}: the whole MedInstruct method, one Beam job per round.
 *
 * <p>Numbered steps: (1) parse and cross-check options; (2) load and validate the seeds and the
 * prompt template, so bad input fails before anything is written; (3) pick the endpoint; (4) dry
 * run, or run one job per round ({@link GenerateRounds}), join their shards into the dataset and
 * finish summary.json with wall time and HTTP metrics.
 */
public final class GenerateCommand {
  private GenerateCommand() {}

  public static void run(String[] args, PrintStream out) throws Exception {
    // 1. Options: unknown options are errors.
    GenerateOptions options = CommandOptions.parse("generate", args, GenerateOptions.class);
    validate(options);
    // --method=alpacare: AlpaCare's reference configuration, in its own DAG.
    if (AlpacareMethod.selected(options)) {
      AlpacareMethod.run(options, args, out);
      return;
    }

    // 2. Inputs, validated before anything is written.
    List<MedTask> seeds =
        options.getSeedTasks() == null
            ? SeedLoader.loadDefault()
            : SeedLoader.load(Path.of(options.getSeedTasks()));
    if (seeds.size() < options.getSeedsPerPrompt()) {
      throw new UserInputException(
          "--seedTasks: " + seeds.size() + " seed tasks, fewer than --seedsPerPrompt=" + options.getSeedsPerPrompt());
    }
    String template = loadTemplate(options.getInstructionPromptFile());
    List<MedTask> evaluation = evaluationItems(options.getDecontaminate());

    // A budget must be able to hold: every model needs a price (exit 2 before anything is sent).
    Prices prices = Endpoint.prices(options, options.getInstructionModel(), options.getResponseModel());
    if (options.getDryRun()) {
      DryRun.print(options, seeds, template, out);
      return;
    }

    // 3. The endpoint (the simulated one when there is neither a URL nor a key).
    String progressDir = RunOutcome.progressDir(options.getCacheDir());
    try (Endpoint endpoint = Endpoint.open(options, out, progressDir);
        CacheDirLock preflight = Preflight.check(options, endpoint, List.of(options.getInstructionModel(), options.getResponseModel()), out)) {
      // 4. One job per round, then the dataset joined from their shards.
      long started = System.currentTimeMillis();
      out.printf(
          "generate: target %d pairs, seed %d, %d seed tasks, models %s / %s, output %s%n",
          options.getTargetInstructions(), options.getSeed(), seeds.size(),
          options.getInstructionModel(), options.getResponseModel(), options.getOutput());
      Launch.prepare(options, args);
      new GenerateRounds(options, endpoint.settings(), template, seeds, evaluation, out).run(started, progressDir);
    }
  }

  static void validate(GenerateOptions o) {
    if (o.getTargetInstructions() <= 0) {
      throw new UserInputException("--targetInstructions must be positive, got " + o.getTargetInstructions());
    }
    if (o.getMaxRounds() <= 0) {
      throw new UserInputException("--maxRounds must be positive, got " + o.getMaxRounds());
    }
    if (o.getSeedsPerPrompt() <= 0 || o.getTasksPerRequest() <= 0) {
      throw new UserInputException("--seedsPerPrompt and --tasksPerRequest must be positive");
    }
    if (!(o.getAssumedYield() > 0)) {
      throw new UserInputException("--assumedYield must be positive, got " + o.getAssumedYield());
    }
    org.medinstruct.pipeline.options.TaskFilterOptions.filterSettings(o);
    CommandOptions.checkThresholds(o.getDedupThreshold(), o.getDecontaminationThreshold());
    try {
      DedupPolicy.parse(o.getDedupPolicy());
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--dedupPolicy must be greedy or drop-all, got " + o.getDedupPolicy());
    }
    RunOutcome.checkOutput(o.getOutput());
  }

  /** Evaluation-set items (instruction or question fields) that generated tasks must not match. */
  static List<MedTask> evaluationItems(String files) {
    List<MedTask> items = new java.util.ArrayList<>();
    if (files == null || files.isBlank()) {
      return items;
    }
    for (String f : files.split(",")) {
      if (f.isBlank()) {
        continue;
      }
      for (String text : org.medinstruct.pipeline.dedup.InputRecords.readTexts(Path.of(f.strip()))) {
        items.add(MedTask.seed(String.format("eval-%07d", items.size()), null, null, null, null, text, MedTask.NO_INPUT));
      }
    }
    return items;
  }

  static String loadTemplate(String file) {
    if (file == null) {
      return InstructionPrompt.defaultPrompt().template();
    }
    try {
      String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      if (text.isBlank()) {
        throw new UserInputException("--instructionPromptFile: " + file + " is empty");
      }
      return text;
    } catch (java.io.IOException e) {
      throw new UserInputException("--instructionPromptFile: cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
