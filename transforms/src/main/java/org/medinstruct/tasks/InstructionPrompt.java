package org.medinstruct.tasks;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.medinstruct.llm.ChatMessage;
import org.medinstruct.model.MedTask;

/**
 * The instruction-generation prompt: a template of requirements followed by the sampled seed tasks
 * in the numbered Type/Topic/View/Difficulty/Instruction/Input layout.
 *
 * <p>Input: seeds and the number of new tasks wanted. Output: the prompt text, ending in
 * "###\n{k+1}. Type:" so the model continues with task k+1, and stop sequences naming task
 * k+numTasks+1, so tasks k+1..k+numTasks come back. After the template comes the line "List of
 * {k+numTasks} tasks:" (the whole list, seeds included, as in Alpaca). The default template is the
 * project's own wording; {@link #fromFile} runs any other one (for example AlpaCare's original).
 * Bad template files raise {@link org.medinstruct.model.UserInputException}.
 *
 * <p>{@link #alpacare} is the reference scripts' layout, byte for byte: the template verbatim plus
 * a newline, "\nList of N tasks:\n" with N the whole list (seeds included), seeds with their labels
 * and input as written and the instruction's whitespace collapsed and trailing colons removed, the
 * given system message, and their three stop sequences "###\nN+1", "N+1.", "N+1 .".
 */
public final class InstructionPrompt implements Serializable {
  static final String RESOURCE = "/org/medinstruct/tasks/instruction_prompt.txt";

  /** How the user message and the stop sequences are laid out. */
  public enum Layout {
    /** The project's own layout. */
    PROJECT,
    /** AlpaCare's task_generation.py layout, verbatim. */
    ALPACARE
  }

  private static final Pattern WHITESPACE =
      Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  private final String template;
  private final String system;
  private final Layout layout;

  private InstructionPrompt(String template) {
    this(template.strip(), null, Layout.PROJECT);
  }

  private InstructionPrompt(String template, String system, Layout layout) {
    this.template = template;
    this.system = system;
    this.layout = layout;
  }

  /** The reference configuration: template and system message used exactly as given. */
  public static InstructionPrompt alpacare(String template, String system) {
    return new InstructionPrompt(template, system, Layout.ALPACARE);
  }

  /** The same prompt with {@code system} (null for none) sent as the system message. */
  public InstructionPrompt withSystem(String system) {
    return new InstructionPrompt(template, system, layout);
  }

  public Layout layout() {
    return layout;
  }

  /** The system message, or null when none is sent. */
  public String system() {
    return system;
  }

  /** The chat messages of one request: the system message when there is one, then the prompt. */
  public List<ChatMessage> messages(List<MedTask> seeds, int numTasks) {
    List<ChatMessage> m = new ArrayList<>(2);
    if (system != null) {
      m.add(ChatMessage.system(system));
    }
    m.add(ChatMessage.user(render(seeds, numTasks)));
    return List.copyOf(m);
  }

  /** Stop sequences of one request in this prompt's layout. */
  public List<String> stop(int numSeeds, int numTasks) {
    if (layout == Layout.ALPACARE) {
      int next = numSeeds + numTasks + 1;
      return List.of("###\n" + next, next + ".", next + " .");
    }
    return stopSequences(numSeeds, numTasks);
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
    if (layout == Layout.PROJECT && system == null) {
      return PromptTexts.shortSha256(template);
    }
    return PromptTexts.shortSha256(layout + "\u0000" + system + "\u0000" + template);
  }

  public String render(List<MedTask> seeds, int numTasks) {
    if (layout == Layout.ALPACARE) {
      return renderAlpacare(seeds, numTasks);
    }
    StringBuilder sb = new StringBuilder(template).append('\n');
    sb.append("List of ").append(seeds.size() + numTasks).append(" tasks:\n");
    int k = 0;
    for (MedTask seed : seeds) {
      k++;
      sb.append("###\n")
          .append(k)
          .append(". Type: ")
          .append(oneLine(seed.type()))
          .append('\n')
          .append("Topic: ")
          .append(oneLine(seed.topic()))
          .append('\n')
          .append("View: ")
          .append(oneLine(seed.view()))
          .append('\n')
          .append("Difficulty: ")
          .append(oneLine(seed.difficulty()))
          .append('\n')
          .append("Instruction: ")
          .append(nullToEmpty(seed.instruction()).strip())
          .append('\n')
          .append("Input: ")
          .append(seed.hasNoInput() ? MedTask.NO_INPUT : seed.input().strip())
          .append('\n');
    }
    sb.append("###\n").append(k + 1).append(". Type:");
    return sb.toString();
  }

  /** task_generation.py's task_encode_prompt, with N the whole list (seeds and new tasks). */
  private String renderAlpacare(List<MedTask> seeds, int numTasks) {
    StringBuilder sb = new StringBuilder(template).append('\n');
    sb.append("\nList of ").append(seeds.size() + numTasks).append(" tasks:\n");
    int k = 0;
    for (MedTask seed : seeds) {
      k++;
      String instruction =
          WHITESPACE
              .matcher(nullToEmpty(seed.instruction()))
              .replaceAll(" ")
              .strip()
              .replaceAll(":+$", "");
      sb.append("###\n")
          .append(k)
          .append(". Type: ")
          .append(nullToEmpty(seed.type()))
          .append('\n')
          .append("Topic: ")
          .append(nullToEmpty(seed.topic()))
          .append('\n')
          .append("View: ")
          .append(nullToEmpty(seed.view()))
          .append('\n')
          .append("Difficulty: ")
          .append(nullToEmpty(seed.difficulty()))
          .append('\n')
          .append("Instruction: ")
          .append(instruction)
          .append('\n')
          .append("Input: ")
          .append(nullToEmpty(seed.input()))
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
