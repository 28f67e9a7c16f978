package org.medinstruct.tasks;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import org.medinstruct.llm.ChatMessage;
import org.medinstruct.model.MedTask;

/**
 * The response-generation prompt. Input: a task. Output: a system message carrying AlpaCare's
 * answering rules (expert voice; "The answer is (X)." after multiple-choice questions;
 * intermediate steps only for multiple-choice, calculation and classification tasks) and a user
 * message: the instruction, plus a blank line and the input when the task has one.
 */
public final class ResponsePrompt implements Serializable {
  static final String RESOURCE = "/org/medinstruct/tasks/response_prompt.txt";

  private final String system;

  private ResponsePrompt(String system) {
    this.system = system.strip();
  }

  public static ResponsePrompt defaultPrompt() {
    return new ResponsePrompt(PromptTexts.resource(RESOURCE));
  }

  public static ResponsePrompt fromFile(Path path) {
    return new ResponsePrompt(PromptTexts.file(path));
  }

  public String systemPrompt() {
    return system;
  }

  public String templateVersion() {
    return PromptTexts.shortSha256(system);
  }

  public List<ChatMessage> messages(MedTask task) {
    String instruction = task.instruction() == null ? "" : task.instruction().strip();
    String user = task.hasNoInput() ? instruction : instruction + "\n\n" + task.input().strip();
    return List.of(ChatMessage.system(system), ChatMessage.user(user));
  }
}
