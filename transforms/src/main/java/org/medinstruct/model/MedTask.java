package org.medinstruct.model;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One medical task: a clinician-written seed or a generated one.
 *
 * <p>Fields follow AlpaCare's seed format. {@code difficulty} stays a string because model output
 * can say "6" or "3/5"; the task filter decides. {@code input} is "&lt;noinput&gt;" when the task
 * has none. Provenance ({@code round}, {@code requestIndex}, {@code position}, {@code seedIds}) is
 * set for generated tasks and orders them deterministically: (round, requestIndex, position). Seeds
 * have round 0.
 */
@DefaultCoder(MedTaskCoder.class)
public record MedTask(
    String id,
    String type,
    String topic,
    String view,
    String difficulty,
    String instruction,
    String input,
    int round,
    long requestIndex,
    int position,
    List<String> seedIds)
    implements Serializable {

  public static final String NO_INPUT = "<noinput>";

  /**
   * How AlpaCare's seeds label a task: its type, medical topic, viewpoint (who asks) and
   * difficulty; any of them may be null.
   */
  public record Labels(String type, String topic, String view, String difficulty) {}

  /** A seed or user-supplied task without provenance. */
  public static MedTask seed(String id, Labels labels, String instruction, String input) {
    return new MedTask(
        id,
        labels.type(),
        labels.topic(),
        labels.view(),
        labels.difficulty(),
        instruction,
        input,
        0,
        -1,
        -1,
        List.of());
  }

  /** True when the input is absent, empty or the {@code <noinput>} marker. */
  public boolean hasNoInput() {
    return input == null || input.isBlank() || NO_INPUT.equalsIgnoreCase(input.strip());
  }

  /** Deterministic sort key: zero-padded (round, requestIndex, position). */
  public String sortKey() {
    return String.format("%04d-%012d-%04d", round, requestIndex, position);
  }
}
