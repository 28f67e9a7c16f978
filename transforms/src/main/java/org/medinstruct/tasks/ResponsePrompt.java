package org.medinstruct.tasks;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import org.medinstruct.llm.ChatMessage;
import org.medinstruct.model.MedTask;

/**
 * The response-generation prompt. Input: a task. Output: a system message carrying AlpaCare's
 * answering rules (expert voice; "The answer is (X)." after multiple-choice questions; intermediate
 * steps only for multiple-choice, calculation and classification tasks) and a user message: the
 * instruction, plus a blank line and the input when the task has one.
 *
 * <p>{@link #alpacare} is the reference scripts' layout (gpt_output_generation_encode_prompt): the
 * system message verbatim, and the user message the instruction, a blank line, then the input and a
 * newline when there is one. An input counts as absent when it is empty or contains
 * "&lt;noinput&gt;"; unlike the reference script, an input merely containing the letters "NA" is
 * kept (their check drops it, a bug).
 */
public final class ResponsePrompt implements Serializable {
  static final String RESOURCE = "/org/medinstruct/tasks/response_prompt.txt";

  private final String system;
  private final InstructionPrompt.Layout layout;

  private ResponsePrompt(String system, InstructionPrompt.Layout layout) {
    this.system = system;
    this.layout = layout;
  }

  public static ResponsePrompt defaultPrompt() {
    return of(PromptTexts.resource(RESOURCE));
  }

  /** The project's layout with {@code system} (stripped) as the system message. */
  public static ResponsePrompt of(String system) {
    return new ResponsePrompt(system.strip(), InstructionPrompt.Layout.PROJECT);
  }

  public static ResponsePrompt fromFile(Path path) {
    return of(PromptTexts.file(path));
  }

  /** The reference configuration: {@code system} exactly as given, their user-message layout. */
  public static ResponsePrompt alpacare(String system) {
    return new ResponsePrompt(system, InstructionPrompt.Layout.ALPACARE);
  }

  public String systemPrompt() {
    return system;
  }

  public String templateVersion() {
    if (layout == InstructionPrompt.Layout.PROJECT) {
      return PromptTexts.shortSha256(system);
    }
    return PromptTexts.shortSha256(layout + "\u0000" + system);
  }

  public List<ChatMessage> messages(MedTask task) {
    if (layout == InstructionPrompt.Layout.ALPACARE) {
      return List.of(ChatMessage.system(system), ChatMessage.user(alpacareUser(task)));
    }
    String instruction = task.instruction() == null ? "" : task.instruction().strip();
    String user = task.hasNoInput() ? instruction : instruction + "\n\n" + task.input().strip();
    return List.of(ChatMessage.system(system), ChatMessage.user(user));
  }

  private static String alpacareUser(MedTask task) {
    String instruction = task.instruction() == null ? "" : task.instruction();
    String input = task.input() == null ? "" : task.input();
    String prompt = instruction + "\n\n";
    if (input.isEmpty() || input.contains(MedTask.NO_INPUT)) {
      return prompt;
    }
    return prompt + input + "\n";
  }
}
