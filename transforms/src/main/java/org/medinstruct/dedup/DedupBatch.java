package org.medinstruct.dedup;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.medinstruct.dedup.DedupResult.Neighbour;
import org.medinstruct.model.MedTask;

/**
 * One dedup stage over an ordered batch of tasks, as {@link ScoredTask}s: decontamination first
 * (when an evaluation set is given; decontaminated tasks take no further part), then dedup against
 * the pool and each other. Shared by {@link DeduplicateBySimilarity} and the {@code dedup} command.
 */
public final class DedupBatch implements Serializable {
  private final DedupPolicy policy;
  private final double threshold;
  private final double neighbourFloor;
  private final double decontaminationThreshold;
  private final DedupAlgorithm algorithm;

  public DedupBatch(
      DedupPolicy policy,
      double threshold,
      double neighbourFloor,
      double decontaminationThreshold,
      DedupAlgorithm algorithm) {
    this.policy = policy;
    this.threshold = threshold;
    this.neighbourFloor = neighbourFloor;
    this.decontaminationThreshold = decontaminationThreshold;
    this.algorithm = algorithm;
  }

  /** The outcome per task, in the order given, and the dedup engine's work. */
  public record Outcome(List<ScoredTask> scored, DedupStats stats) {}

  /**
   * @param tasks candidates in their deterministic order
   * @param pool texts that knock candidates out
   * @param evaluationSet texts to decontaminate against, or null for none
   */
  public Outcome run(List<MedTask> tasks, List<String> pool, List<String> evaluationSet) {
    SimilarityDedup engine =
        SimilarityDedup.create().withAlgorithm(algorithm).withNeighbourFloor(neighbourFloor);
    ScoredTask[] out = new ScoredTask[tasks.size()];
    List<Integer> survivors = new ArrayList<>();
    List<String> texts = instructions(tasks);
    if (evaluationSet != null) {
      DedupResult clean =
          engine.decontaminateAgainst(evaluationSet, texts, decontaminationThreshold);
      for (int i = 0; i < tasks.size(); i++) {
        if (clean.kept(i)) {
          survivors.add(i);
        } else {
          Neighbour m = clean.nearest(i);
          out[i] =
              new ScoredTask(
                  tasks.get(i),
                  evaluationSet.get(m.index()),
                  m.score(),
                  null,
                  Double.NaN,
                  ScoredTask.DECONTAMINATED);
        }
      }
    } else {
      for (int i = 0; i < tasks.size(); i++) {
        survivors.add(i);
      }
    }
    List<String> survivorTexts = new ArrayList<>(survivors.size());
    for (int i : survivors) {
      survivorTexts.add(texts.get(i));
    }
    DedupResult r = engine.dedup(pool, survivorTexts, policy, threshold);
    for (int k = 0; k < survivors.size(); k++) {
      Neighbour n = r.nearest(k);
      Neighbour s = r.nearestPool(k);
      String nearestText =
          n == null
              ? null
              : n.source() == DedupResult.Source.POOL
                  ? pool.get(n.index())
                  : survivorTexts.get(n.index());
      out[survivors.get(k)] =
          new ScoredTask(
              tasks.get(survivors.get(k)),
              nearestText,
              n == null ? Double.NaN : n.score(),
              s == null ? null : pool.get(s.index()),
              s == null ? Double.NaN : s.score(),
              r.kept(k) ? null : ScoredTask.DUPLICATE);
    }
    return new Outcome(Arrays.asList(out), r.stats());
  }

  /** Instructions of the tasks; a missing instruction counts as empty (scores 0). */
  public static List<String> instructions(List<MedTask> tasks) {
    List<String> out = new ArrayList<>(tasks.size());
    for (MedTask t : tasks) {
      out.add(t.instruction() == null ? "" : t.instruction());
    }
    return out;
  }
}
