package org.medinstruct.dedup;

/**
 * Per-candidate outcome of {@link SimilarityDedup}: indexes are candidate positions in the given
 * order.
 *
 * <p>{@link #nearest(int)}: for a dropped candidate, the item that knocked it out: the highest
 * scoring of its knockers (pool items, and for GREEDY the earlier kept candidates, for DROP_ALL all
 * other candidates, with F &gt; threshold); ties go to pool items before candidates, then to the
 * lowest index. For a kept candidate, the highest-scoring other candidate (any order, kept or not)
 * with F &ge; neighbourFloor, lowest index on ties, or null when none reaches the floor.
 *
 * <p>{@link #nearestPool(int)}: the highest-scoring pool item with F &gt; 0 (lowest index on ties),
 * computed against the whole pool when it has at most {@code exactPoolLimit} items; for larger
 * pools only pool items with F &gt; threshold or F &ge; neighbourFloor are considered. Null when
 * none.
 */
public final class DedupResult {
  /** Where a neighbour lives. */
  public enum Source {
    POOL,
    CANDIDATE
  }

  /** An item and its ROUGE-L F against the candidate. */
  public record Neighbour(Source source, int index, double score) {}

  private final boolean[] kept;
  private final Neighbour[] nearest;
  private final Neighbour[] nearestPool;
  private final DedupStats stats;

  DedupResult(boolean[] kept, Neighbour[] nearest, Neighbour[] nearestPool, DedupStats stats) {
    this.kept = kept;
    this.nearest = nearest;
    this.nearestPool = nearestPool;
    this.stats = stats;
  }

  public int size() {
    return kept.length;
  }

  public boolean kept(int candidate) {
    return kept[candidate];
  }

  /** Null when there is none. */
  public Neighbour nearest(int candidate) {
    return nearest[candidate];
  }

  /** Null when there is none. */
  public Neighbour nearestPool(int candidate) {
    return nearestPool[candidate];
  }

  public int keptCount() {
    int n = 0;
    for (boolean k : kept) {
      n += k ? 1 : 0;
    }
    return n;
  }

  public DedupStats stats() {
    return stats;
  }
}
