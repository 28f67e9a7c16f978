package org.medinstruct.tasks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.medinstruct.model.MedTask;

/**
 * The response quality filter. Input: the task, the model's answer and its finish reason.
 * Output: empty to keep, else a {@link QualityIssue} with reason {@code empty_output},
 * {@code truncated} (finish reason "length"), {@code refusal} (a {@link #REFUSALS} pattern,
 * case-insensitive, at the start of the answer or starting any sentence or line) or
 * {@code missing_answer_letter} (a multiple-choice task, or a USMLE-style task whose input has
 * lettered choices, whose answer lacks "The answer is"). Never throws.
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

  private ResponseFilter() {}

  public static Optional<QualityIssue> check(MedTask task, String output, String finishReason) {
    if (output == null || output.isBlank()) {
      return Optional.of(new QualityIssue("empty_output", "the answer is empty"));
    }
    if ("length".equals(finishReason)) {
      return Optional.of(new QualityIssue("truncated", "finish_reason is length"));
    }
    String folded = output.replace('’', '\'').toLowerCase(Locale.ROOT);
    for (String pattern : REFUSALS) {
      if (startsSentence(folded, pattern)) {
        return Optional.of(new QualityIssue("refusal", "answer contains '" + pattern + "'"));
      }
    }
    boolean needsLetter =
        TaskTypes.isMultipleChoice(task.type())
            || (TaskTypes.isUsmle(task.type()) && Choices.present(task.input()));
    if (needsLetter && !folded.contains("the answer is")) {
      return Optional.of(new QualityIssue("missing_answer_letter",
          "multiple-choice answer lacks 'The answer is (X).'"));
    }
    return Optional.empty();
  }

  private static boolean startsSentence(String text, String pattern) {
    int from = 0;
    while (true) {
      int i = text.indexOf(pattern, from);
      if (i < 0) {
        return false;
      }
      int j = i - 1;
      while (j >= 0 && (text.charAt(j) == ' ' || text.charAt(j) == '\t'
          || text.charAt(j) == '"' || text.charAt(j) == '*')) {
        j--;
      }
      if (j < 0 || ".!?\n:".indexOf(text.charAt(j)) >= 0) {
        return true;
      }
      from = i + 1;
    }
  }
}
