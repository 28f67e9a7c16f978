package org.medinstruct.tasks;

import java.io.Serializable;

/**
 * Why a task or a response failed a quality filter: {@code reason} is the enum to count and decide
 * on; {@code detail} is one human sentence saying what was found or missing.
 */
public record QualityIssue(QualityReason reason, String detail) implements Serializable {
  /** The stable code of {@link #reason()}, as written to {@code rejected.jsonl}. */
  public String code() {
    return reason.code();
  }
}
