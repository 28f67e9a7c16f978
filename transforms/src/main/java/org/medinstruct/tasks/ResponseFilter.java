package org.medinstruct.tasks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.medinstruct.model.MedTask;

/**
 * The response quality filter. Input: the task, the model's answer and its finish reason. Output:
 * empty to keep, else a {@link QualityIssue}: {@link QualityReason#EMPTY_OUTPUT}, {@link
 * QualityReason#TRUNCATED} (finish reason "length"), {@link QualityReason#REFUSAL} (a {@link
 * #REFUSALS} pattern, case-insensitive, at the start of the answer or starting any sentence or
 * line) or {@link QualityReason#MISSING_ANSWER_LETTER}: a multiple-choice task, or a USMLE-style
 * task whose input lists choices, whose answer states no choice. An answer states its choice with
 * "The answer is B) ...", "The correct answer is B", "Answer: (B)", "The best option is 2", or by
 * starting with the choice ("B) ...", "(B) ...", "**B.** ..."). Never throws.
 */
public final class ResponseFilter {
  /** Refusal openings; curly apostrophes are folded to straight ones before matching. */
  public static final List<String> REFUSALS =
      List.of(
          "as an ai language model",
          "as an ai model",
          "as an ai assistant",
          "as a language model",
          "i'm sorry, but i cannot",
          "i'm sorry, but i can't",
          "i am sorry, but i cannot",
          "i am sorry, but i can't",
          "i'm sorry, i cannot",
          "i'm sorry, i can't",
          "i am not able to provide medical advice",
          "i'm not able to provide medical advice",
          "i cannot provide medical advice",
          "i can't provide medical advice",
          "i am unable to provide medical advice",
          "i'm unable to provide medical advice",
          "i cannot fulfill this request",
          "i can't assist with that",
          "i cannot assist with that");

  // "The answer is B", "The correct answer is: (B)", "Answer: B", "the best option would be 2",
  // "The answer is Hyperthyroidism" (choices without letters are named by their text).
  private static final Pattern ANSWER_STATEMENT =
      Pattern.compile(
          "\\b(?:(?:the\\s+)?(?:correct|right|best|most\\s+appropriate|most\\s+likely|final)\\s+"
              + "(?:answer|option|choice)|the\\s+answer|answer|my\\s+answer)\\s*"
              + "(?:is|would\\s+be|:|-)\\s*[:\\-]?\\s*\\**\\s*\\(?\\s*\\w",
          Pattern.CASE_INSENSITIVE);
  // An answer that starts with its choice: "B) ...", "(B) ...", "B. ...", "**B)** ...".
  private static final Pattern LEADING_CHOICE =
      Pattern.compile(
          "^\\s*[*_\\s]*(?:\\(\\s*[A-Ha-h1-9]\\s*\\)|[A-H][).:]|[1-9]\\))(?:[*_]*)(?:\\s|$)");

  private ResponseFilter() {}

  public static Optional<QualityIssue> check(MedTask task, String output, String finishReason) {
    if (output == null || output.isBlank()) {
      return Optional.of(new QualityIssue(QualityReason.EMPTY_OUTPUT, "The answer is empty."));
    }
    if ("length".equals(finishReason)) {
      return Optional.of(
          new QualityIssue(
              QualityReason.TRUNCATED,
              "The answer was cut off at max_tokens (finish_reason \"length\")."));
    }
    String folded = output.replace('’', '\'').toLowerCase(Locale.ROOT);
    for (String pattern : REFUSALS) {
      if (startsSentence(folded, pattern)) {
        return Optional.of(
            new QualityIssue(
                QualityReason.REFUSAL, "The answer is a refusal ('" + pattern + "')."));
      }
    }
    boolean needsLetter =
        TaskTypes.isMultipleChoice(task.type())
            || (TaskTypes.isUsmle(task.type()) && Choices.present(task.input()));
    if (needsLetter && !statesChoice(output)) {
      return Optional.of(
          new QualityIssue(
              QualityReason.MISSING_ANSWER_LETTER,
              "The answer to a multiple-choice task states no choice: no 'The answer is (X)',"
                  + " 'The correct answer is X', 'Answer: X' or leading 'X)' was found."));
    }
    return Optional.empty();
  }

  /** True when the answer names its choice in one of the usual ways. */
  static boolean statesChoice(String output) {
    return ANSWER_STATEMENT.matcher(output).find() || LEADING_CHOICE.matcher(output).find();
  }

  private static boolean startsSentence(String text, String pattern) {
    int from = 0;
    while (true) {
      int i = text.indexOf(pattern, from);
      if (i < 0) {
        return false;
      }
      int j = i - 1;
      while (j >= 0
          && (text.charAt(j) == ' '
              || text.charAt(j) == '\t'
              || text.charAt(j) == '"'
              || text.charAt(j) == '*')) {
        j--;
      }
      if (j < 0 || ".!?\n:".indexOf(text.charAt(j)) >= 0) {
        return true;
      }
      from = i + 1;
    }
  }
}
