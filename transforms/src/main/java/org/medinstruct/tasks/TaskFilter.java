package org.medinstruct.tasks;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.medinstruct.model.MedTask;

/**
 * The generated-task quality filter (AlpaCare's rules, after Alpaca's).
 *
 * <p>Input: one {@link MedTask} and {@link FilterSettings}. Output: empty when the task is kept,
 * else the first {@link QualityIssue} found, with one of these stable reason codes:
 * {@code missing_field}, {@code bad_difficulty}, {@code instruction_too_short},
 * {@code instruction_too_long}, {@code instruction_bad_start}, {@code blacklisted_word},
 * {@code usmle_input_too_short}, {@code input_too_short}, {@code input_too_long},
 * {@code mcq_without_choices}. Words are counted like Python's {@code str.split()}. The blacklist
 * applies to the instruction only (as in Alpaca), whole words, case-insensitive. Never throws.
 */
public final class TaskFilter {
  /** Limits; an instruction needs more than {@code minInstructionWords} words. */
  public record FilterSettings(
      int minInstructionWords,
      int maxInstructionWords,
      int minInputWords,
      int maxInputWords,
      int minUsmleInputWords)
      implements Serializable {
    /** AlpaCare's values: instruction 4..150 words, input 50..200 words, USMLE input over 50. */
    public static FilterSettings defaults() {
      return new FilterSettings(3, 150, 50, 200, 50);
    }
  }

  /** Whole words or phrases a text-only model cannot act on. */
  public static final List<String> BLACKLIST =
      List.of(
          "image", "images", "graph", "graphs", "picture", "pictures", "file", "files", "map",
          "maps", "draw", "plot", "go to", "video", "audio", "music", "flowchart", "diagram");

  private static final Pattern BLACKLIST_PATTERN =
      Pattern.compile(
          "\\b(" + String.join("|", BLACKLIST).replace(" ", "\\s+") + ")\\b",
          Pattern.CASE_INSENSITIVE);
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private TaskFilter() {}

  public static Optional<QualityIssue> check(MedTask task, FilterSettings s) {
    String[][] fields = {
      {"type", task.type()}, {"topic", task.topic()}, {"view", task.view()},
      {"difficulty", task.difficulty()}, {"instruction", task.instruction()},
      {"input", task.input()}
    };
    for (String[] f : fields) {
      if (f[1] == null || f[1].isBlank()) {
        return issue("missing_field", f[0] + " is " + (f[1] == null ? "missing" : "empty"));
      }
    }
    String difficulty = task.difficulty().strip();
    if (!difficulty.matches("[1-5]")) {
      return issue("bad_difficulty", "difficulty '" + difficulty + "' is not an integer 1-5");
    }
    String instruction = task.instruction().strip();
    int words = words(instruction);
    if (words <= s.minInstructionWords()) {
      return issue("instruction_too_short", "instruction has " + words + " words, needs more than "
          + s.minInstructionWords());
    }
    if (words > s.maxInstructionWords()) {
      return issue("instruction_too_long", "instruction has " + words + " words, max "
          + s.maxInstructionWords());
    }
    char first = instruction.charAt(0);
    if (PUNCTUATION.indexOf(first) >= 0 || first > 127) {
      return issue("instruction_bad_start", "instruction starts with '" + first + "'");
    }
    var black = BLACKLIST_PATTERN.matcher(instruction);
    if (black.find()) {
      return issue("blacklisted_word", "instruction contains '" + black.group(1) + "'");
    }
    boolean noInput = task.hasNoInput();
    int inputWords = noInput ? 0 : words(task.input());
    if (TaskTypes.isUsmle(task.type()) && inputWords <= s.minUsmleInputWords()) {
      return issue("usmle_input_too_short", "USMLE-style input has " + inputWords
          + " words, needs more than " + s.minUsmleInputWords());
    }
    if (!noInput && inputWords < s.minInputWords()) {
      return issue("input_too_short", "input has " + inputWords + " words, min "
          + s.minInputWords());
    }
    if (!noInput && inputWords > s.maxInputWords()) {
      return issue("input_too_long", "input has " + inputWords + " words, max "
          + s.maxInputWords());
    }
    if (TaskTypes.isMultipleChoice(task.type()) && !Choices.present(task.input())) {
      return issue("mcq_without_choices", "multiple-choice input has no lettered choices A), B)...");
    }
    return Optional.empty();
  }

  /** Word count as Python's {@code len(s.split())}. */
  public static int words(String text) {
    if (text == null) {
      return 0;
    }
    int n = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = isPythonWhitespace(text.charAt(i));
      n += !space && !inWord ? 1 : 0;
      inWord = !space;
    }
    return n;
  }

  /** Python's str.isspace() for one char, which also covers NBSP and the U+2000 spaces. */
  static boolean isPythonWhitespace(char c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0
        || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
        || c == 0x202F || c == 0x205F || c == 0x3000;
  }

  private static Optional<QualityIssue> issue(String reason, String detail) {
    return Optional.of(new QualityIssue(reason, detail));
  }
}
