package org.medinstruct.tasks;

import java.io.Serializable;
import java.util.Optional;
import org.medinstruct.model.MedTask;

/**
 * The generated-task quality filter.
 *
 * <p>Input: one {@link MedTask} and {@link FilterSettings}. Output: empty when the task is kept,
 * else the first {@link QualityIssue} found: a {@link QualityReason} and one sentence. Checks, in
 * order: every field present; difficulty an integer 1-5; instruction of more than 3 and at most 150
 * words (counted like Python's {@code str.split()}), not starting with punctuation or a non-ASCII
 * character; no request a text-only model cannot carry out ({@link NonTextRequests}, phrases in
 * context, instruction only, as Alpaca's blacklist); a USMLE-style task has an input (more than
 * {@code minUsmleInputWords} words); input length within bounds when bounds are set; a
 * multiple-choice input lists choices ({@link Choices}).
 *
 * <p>Defaults follow the method: AlpaCare asks for 50-200-word inputs only in the prompt and
 * filters only near-duplicates, so input-length bounds are off. {@link FilterSettings#strict()} is
 * the prompt's bounds as a filter. Never throws.
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
    /** No input-length bound. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    /**
     * The method's distribution: instruction 4..150 words, no input bounds, USMLE needs an input.
     */
    public static FilterSettings defaults() {
      return new FilterSettings(3, 150, 0, UNBOUNDED, 0);
    }

    /** The prompt's requirements as a filter: inputs 50..200 words, USMLE input over 50 words. */
    public static FilterSettings strict() {
      return new FilterSettings(3, 150, 50, 200, 50);
    }

    /**
     * Settings of a named profile ({@code default} or {@code strict}) with explicit input bounds
     * overriding the profile's when not null.
     *
     * @throws IllegalArgumentException for an unknown profile or min above max
     */
    public static FilterSettings of(String profile, Integer minInputWords, Integer maxInputWords) {
      FilterSettings p =
          switch (profile == null
              ? "default"
              : profile.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "default", "method" -> defaults();
            case "strict" -> strict();
            default ->
                throw new IllegalArgumentException(
                    "unknown filter profile '" + profile + "' (default or strict)");
          };
      int min = minInputWords == null ? p.minInputWords() : minInputWords;
      // An explicit maximum of 0 or less means no upper bound.
      int max =
          maxInputWords == null
              ? p.maxInputWords()
              : maxInputWords <= 0 ? UNBOUNDED : maxInputWords;
      if (min < 0 || min > max) {
        throw new IllegalArgumentException(
            "input word bounds must satisfy 0 <= min <= max, got " + min + ".." + max);
      }
      return new FilterSettings(
          p.minInstructionWords(), p.maxInstructionWords(), min, max, p.minUsmleInputWords());
    }
  }

  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private TaskFilter() {}

  public static Optional<QualityIssue> check(MedTask task, FilterSettings s) {
    String[][] fields = {
      {"type", task.type()},
      {"topic", task.topic()},
      {"view", task.view()},
      {"difficulty", task.difficulty()},
      {"instruction", task.instruction()},
      {"input", task.input()}
    };
    for (String[] f : fields) {
      if (f[1] == null || f[1].isBlank()) {
        return issue(
            QualityReason.MISSING_FIELD,
            "The task's " + f[0] + " field is " + (f[1] == null ? "missing." : "empty."));
      }
    }
    String difficulty = task.difficulty().strip();
    if (!difficulty.matches("[1-5]")) {
      return issue(
          QualityReason.BAD_DIFFICULTY,
          "Difficulty '" + difficulty + "' is not an integer from 1 to 5.");
    }
    String instruction = task.instruction().strip();
    int words = words(instruction);
    if (words <= s.minInstructionWords()) {
      return issue(
          QualityReason.INSTRUCTION_TOO_SHORT,
          "The instruction has "
              + words
              + " words; it needs more than "
              + s.minInstructionWords()
              + ".");
    }
    if (words > s.maxInstructionWords()) {
      return issue(
          QualityReason.INSTRUCTION_TOO_LONG,
          "The instruction has "
              + words
              + " words; at most "
              + s.maxInstructionWords()
              + " are allowed.");
    }
    char first = instruction.charAt(0);
    if (PUNCTUATION.indexOf(first) >= 0 || first > 127) {
      return issue(
          QualityReason.INSTRUCTION_BAD_START,
          "The instruction starts with '" + first + "', not a letter or digit.");
    }
    Optional<NonTextRequests.Finding> nonText = NonTextRequests.find(instruction);
    if (nonText.isPresent()) {
      return issue(
          QualityReason.NON_TEXT_TASK,
          "The instruction "
              + nonText.get().kind().sentence()
              + " ('"
              + nonText.get().phrase()
              + "').");
    }
    boolean noInput = task.hasNoInput();
    int inputWords = noInput ? 0 : words(task.input());
    if (TaskTypes.isUsmle(task.type()) && inputWords <= s.minUsmleInputWords()) {
      return issue(
          QualityReason.USMLE_INPUT_TOO_SHORT,
          noInput
              ? "The USMLE-style task has no input (no case vignette)."
              : "The USMLE-style input has "
                  + inputWords
                  + " words; it needs more than "
                  + s.minUsmleInputWords()
                  + ".");
    }
    if (!noInput && inputWords < s.minInputWords()) {
      return issue(
          QualityReason.INPUT_TOO_SHORT,
          "The input has " + inputWords + " words; the minimum is " + s.minInputWords() + ".");
    }
    if (!noInput && inputWords > s.maxInputWords()) {
      return issue(
          QualityReason.INPUT_TOO_LONG,
          "The input has " + inputWords + " words; the maximum is " + s.maxInputWords() + ".");
    }
    if (TaskTypes.isMultipleChoice(task.type()) && !Choices.present(task.input())) {
      return issue(
          QualityReason.MCQ_WITHOUT_CHOICES,
          noInput
              ? "The multiple-choice task has no input, so no answer choices."
              : "The multiple-choice input lists no answer choices (no 'A) ... B) ...', '1. ... 2."
                  + " ...', one choice per line, or 'Options: ..., ...').");
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
    return (c >= 0x09 && c <= 0x0D)
        || (c >= 0x1C && c <= 0x20)
        || c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }

  private static Optional<QualityIssue> issue(QualityReason reason, String detail) {
    return Optional.of(new QualityIssue(reason, detail));
  }
}
