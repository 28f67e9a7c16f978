package org.medinstruct.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import org.medinstruct.model.UserInputException;
import org.medinstruct.pipeline.options.GenerateOptions;
import org.medinstruct.pipeline.options.MethodOptions;
import org.medinstruct.pipeline.options.ResponseOptions;
import org.medinstruct.tasks.InstructionPrompt;
import org.medinstruct.tasks.PromptTexts;
import org.medinstruct.tasks.ResponsePrompt;

/**
 * The prompts a run sends, from the prompt-file options. The project's own wording is the default;
 * {@code --method=alpacare} reads AlpaCare's three files (never shipped: CC BY-NC) from the files
 * named by options or from {@code --alpacareDir}, and fails with exit status 2 naming the missing
 * one.
 */
final class PromptFiles {
  static final String INSTRUCTION = "instruction_prompt.txt";
  static final String GENERATION_SYSTEM = "generation_system_prompt.txt";
  static final String RESPONSE_SYSTEM = "response_system_prompt.txt";
  static final String SEEDS = "med_seed.json";

  private PromptFiles() {}

  /** The generation prompt of the project's method: template plus optional system message. */
  static InstructionPrompt instruction(GenerateOptions o, String template) {
    InstructionPrompt p = InstructionPrompt.of(template);
    String system = o.getSystemPromptFile();
    return system == null ? p : p.withSystem(PromptTexts.file(Path.of(system)));
  }

  /** The response prompt of the project's method (also {@code respond}). */
  static ResponsePrompt response(ResponseOptions o) {
    String file = o.getResponsePromptFile();
    return file == null ? ResponsePrompt.defaultPrompt() : ResponsePrompt.fromFile(Path.of(file));
  }

  /** AlpaCare's generation prompt: instruction_prompt.txt with generation_system_prompt.txt. */
  static InstructionPrompt alpacareInstruction(GenerateOptions o) {
    return InstructionPrompt.alpacare(
        PromptTexts.file(
            alpacareFile(o, o.getInstructionPromptFile(), "--instructionPromptFile", INSTRUCTION)),
        PromptTexts.file(
            alpacareFile(o, o.getSystemPromptFile(), "--systemPromptFile", GENERATION_SYSTEM)));
  }

  /** AlpaCare's response prompt: response_system_prompt.txt and their user-message layout. */
  static ResponsePrompt alpacareResponse(GenerateOptions o) {
    return ResponsePrompt.alpacare(
        PromptTexts.file(
            alpacareFile(o, o.getResponsePromptFile(), "--responsePromptFile", RESPONSE_SYSTEM)));
  }

  /** med_seed.json in --alpacareDir, or null when there is none. */
  static Path alpacareSeeds(MethodOptions o) {
    if (o.getAlpacareDir() == null) {
      return null;
    }
    Path p = Path.of(o.getAlpacareDir()).resolve(SEEDS);
    return Files.isRegularFile(p) ? p : null;
  }

  private static Path alpacareFile(MethodOptions o, String explicit, String option, String name) {
    if (explicit != null) {
      return Path.of(explicit);
    }
    if (o.getAlpacareDir() == null) {
      throw new UserInputException(
          "--method=alpacare needs AlpaCare's "
              + name
              + " (not shipped with medinstruct: CC BY-NC);"
              + " pass --alpacareDir=DIR holding it, or "
              + option
              + "=FILE");
    }
    Path p = Path.of(o.getAlpacareDir()).resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new UserInputException(
          p
              + ": not found; --method=alpacare reads AlpaCare's "
              + name
              + " from --alpacareDir"
              + " (or pass "
              + option
              + "=FILE)");
    }
    return p;
  }
}
