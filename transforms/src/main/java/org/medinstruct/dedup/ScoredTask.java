package org.medinstruct.dedup;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.medinstruct.model.MedTask;

/**
 * A candidate task with its dedup outcome. {@code nearest} / {@code rougeL}: for a dropped task the
 * instruction that knocked it out and its ROUGE-L F; for a kept task the best other candidate with
 * F &ge; the neighbour floor, or null / NaN. {@code nearestSeed} / {@code nearestSeedRougeL}: the
 * best-scoring pool item (see {@link DedupResult#nearestPool(int)}), or null / NaN. {@code reason}:
 * null for kept, {@link #DUPLICATE} or {@link #DECONTAMINATED} for dropped.
 */
@DefaultCoder(ScoredTaskCoder.class)
public record ScoredTask(
    MedTask task,
    String nearest,
    double rougeL,
    String nearestSeed,
    double nearestSeedRougeL,
    String reason)
    implements Serializable {

  public static final String DUPLICATE = "duplicate";
  public static final String DECONTAMINATED = "decontaminated";

  public boolean kept() {
    return reason == null;
  }
}
