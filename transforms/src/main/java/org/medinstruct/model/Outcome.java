package org.medinstruct.model;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * What became of one element in a stage: a {@link Kind#VALUE} that goes on to the next stage, a
 * {@link Kind#REJECTED} element (a quality decision, data not an error, with its reason) or a
 * {@link Kind#FAILED} one (a dead letter: the original element, the error and its {@link
 * FailureKind}). Exactly one of {@link #value()}, {@link #rejection()} and {@link #failure()} is
 * set, as {@link #kind()} says; decisions are made on the kinds, never on message text.
 *
 * <p>Stages route outcomes to the three outputs of a {@code StageOutput}; the coder ({@link
 * OutcomeCoder}, found through {@code @DefaultCoder} for any {@code Outcome<T>} whose T has a
 * coder) is compact and deterministic when T's is.
 */
@DefaultCoder(OutcomeCoder.class)
public record Outcome<T>(Kind kind, T value, Rejection rejection, Failure failure)
    implements Serializable {

  /** Which of the three an outcome is. */
  public enum Kind {
    VALUE,
    REJECTED,
    FAILED
  }

  public Outcome {
    Objects.requireNonNull(kind, "kind");
    boolean consistent =
        switch (kind) {
          case VALUE -> rejection == null && failure == null;
          case REJECTED -> value == null && rejection != null && failure == null;
          case FAILED -> value == null && rejection == null && failure != null;
        };
    if (!consistent) {
      throw new IllegalArgumentException("an outcome of kind " + kind + " with other payloads");
    }
  }

  public static <T> Outcome<T> value(T value) {
    return new Outcome<>(Kind.VALUE, value, null, null);
  }

  public static <T> Outcome<T> rejected(Rejection rejection) {
    return new Outcome<>(Kind.REJECTED, null, Objects.requireNonNull(rejection), null);
  }

  public static <T> Outcome<T> failed(Failure failure) {
    return new Outcome<>(Kind.FAILED, null, null, Objects.requireNonNull(failure));
  }
}
