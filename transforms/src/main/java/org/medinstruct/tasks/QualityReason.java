package org.medinstruct.tasks;

import java.util.Locale;

/**
 * Why a task or an answer failed a quality filter. {@link #code()} is the stable lower-case code
 * written to {@code rejected.jsonl} and counted in {@code summary.json}; decisions use the enum,
 * never message text.
 */
public enum QualityReason {
  // Task filter.
  MISSING_FIELD,
  BAD_DIFFICULTY,
  INSTRUCTION_TOO_SHORT,
  INSTRUCTION_TOO_LONG,
  INSTRUCTION_BAD_START,
  NON_TEXT_TASK,
  USMLE_INPUT_TOO_SHORT,
  INPUT_TOO_SHORT,
  INPUT_TOO_LONG,
  MCQ_WITHOUT_CHOICES,
  // Response filter.
  EMPTY_OUTPUT,
  TRUNCATED,
  REFUSAL,
  MISSING_ANSWER_LETTER;

  /** The stable code, e.g. {@code non_text_task}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
