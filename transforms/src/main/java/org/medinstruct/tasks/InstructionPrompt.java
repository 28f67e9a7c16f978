package org.medinstruct.tasks;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import org.medinstruct.model.MedTask;

/**
 * The instruction-generation prompt: a template of requirements followed by the sampled seed
 * tasks in the numbered Type/Topic/View/Difficulty/Instruction/Input layout.
 *
 * <p>Input: seeds and the number of new tasks wanted. Output: the prompt text, ending in
 * "###\n{k+1}. Type:" so the model continues with task k+1, and stop sequences naming task
 * k+numTasks+1, so tasks k+1..k+numTasks come back. After the template comes the line
 * "List of {k+numTasks} tasks:" (the whole list, seeds included, as in Alpaca). The default
 * template is the project's own wording; {@link #fromFile} runs any other one (for example
 * AlpaCare's original). Bad template files raise {@link org.medinstruct.model.UserInputException}.
 */
public final class InstructionPrompt implements Serializable {
  static final String RESOURCE = "/org/medinstruct/tasks/instruction_prompt.txt";

  private final String template;

  private InstructionPrompt(String template) {
    this.template = template.strip();
  }

  public static InstructionPrompt defaultPrompt() {
    return new InstructionPrompt(PromptTexts.resource(RESOURCE));
  }

  public static InstructionPrompt fromFile(Path path) {
    return new InstructionPrompt(PromptTexts.file(path));
  }

  public static InstructionPrompt of(String template) {
    return new InstructionPrompt(template);
  }

  public String template() {
    return template;
  }

  /** Short SHA-256 hex of the template text; changes whenever the wording does. */
  public String templateVersion() {
    return PromptTexts.shortSha256(template);
  }

  public String render(List<MedTask> seeds, int numTasks) {
    StringBuilder sb = new StringBuilder(template).append('\n');
    sb.append("List of ").append(seeds.size() + numTasks).append(" tasks:\n");
    int k = 0;
    for (MedTask seed : seeds) {
      k++;
      sb.append("###\n")
          .append(k).append(". Type: ").append(oneLine(seed.type())).append('\n')
          .append("Topic: ").append(oneLine(seed.topic())).append('\n')
          .append("View: ").append(oneLine(seed.view())).append('\n')
          .append("Difficulty: ").append(oneLine(seed.difficulty())).append('\n')
          .append("Instruction: ").append(nullToEmpty(seed.instruction()).strip()).append('\n')
          .append("Input: ")
          .append(seed.hasNoInput() ? MedTask.NO_INPUT : seed.input().strip())
          .append('\n');
    }
    sb.append("###\n").append(k + 1).append(". Type:");
    return sb.toString();
  }

  /** Number of the first task the model writes. */
  public static int firstTaskNumber(int numSeeds) {
    return numSeeds + 1;
  }

  /** Stop at the task after the last wanted one (at most 4 sequences, OpenAI's limit). */
  public static List<String> stopSequences(int numSeeds, int numTasks) {
    int next = numSeeds + numTasks + 1;
    return List.of(next + ". Type:", "\n" + next + ".");
  }

  private static String oneLine(String s) {
    return nullToEmpty(s).strip().replaceAll("\\s+", " ");
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
