package org.medinstruct.pipeline;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.medinstruct.dedup.DedupPolicy;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.UserInputException;
import org.medinstruct.pipeline.options.CommandOptions;
import org.medinstruct.pipeline.options.GenerateOptions;
import org.medinstruct.tasks.InstructionPrompt;

/**
 * {@code generate}: the whole MedInstruct method, one Beam job per round.
 *
 * <p>Parses and cross-checks the options (unknown options are errors), then runs {@link
 * MedInstruct#run}, the same entry point a library user calls; {@code --method=alpacare} runs
 * AlpaCare's reference configuration instead.
 */
public final class GenerateCommand {
  private GenerateCommand() {}

  public static void run(String[] args, PrintStream out) throws Exception {
    // 1. Options: unknown options are errors.
    GenerateOptions options = CommandOptions.parse("generate", args, GenerateOptions.class);
    // 2. Checks, inputs, endpoint and the rounds: the library's entry point.
    MedInstruct.run(options, args, out);
  }

  static void validate(GenerateOptions o) {
    if (o.getTargetInstructions() <= 0) {
      throw new UserInputException(
          "--targetInstructions must be positive, got " + o.getTargetInstructions());
    }
    if (o.getMaxRounds() <= 0) {
      throw new UserInputException("--maxRounds must be positive, got " + o.getMaxRounds());
    }
    if (o.getMaxRequestsPerRound() < 0) {
      throw new UserInputException(
          "--maxRequestsPerRound must be 0 (no cap) or positive, got "
              + o.getMaxRequestsPerRound());
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
      throw new UserInputException(
          "--dedupPolicy must be greedy or drop-all, got " + o.getDedupPolicy());
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
      for (String text :
          org.medinstruct.pipeline.dedup.InputRecords.readTexts(Path.of(f.strip()))) {
        items.add(
            MedTask.seed(
                String.format("eval-%07d", items.size()),
                new MedTask.Labels(null, null, null, null),
                text,
                MedTask.NO_INPUT));
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
      throw new UserInputException(
          "--instructionPromptFile: cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
