package org.medinstruct.dedup;

import java.util.Locale;

/**
 * How near-duplicates among candidates are resolved.
 *
 * <ul>
 *   <li>{@link #GREEDY}: Self-Instruct / Alpaca keep-first. Candidates are taken in order; one is
 *       dropped if its ROUGE-L F exceeds the threshold against any pool item or any earlier KEPT
 *       candidate.
 *   <li>{@link #DROP_ALL}: AlpaCare's filter.py. A candidate is dropped if its F exceeds the
 *       threshold against any pool item or ANY other candidate, kept or not, in either order.
 * </ul>
 */
public enum DedupPolicy {
  GREEDY,
  DROP_ALL;

  /** Parses "greedy" or "drop-all" (also "drop_all"), case-insensitively. */
  public static DedupPolicy parse(String text) {
    if (text != null) {
      switch (text.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
        case "greedy":
          return GREEDY;
        case "drop-all":
          return DROP_ALL;
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        "unknown dedup policy '" + text + "': expected greedy or drop-all");
  }
}
