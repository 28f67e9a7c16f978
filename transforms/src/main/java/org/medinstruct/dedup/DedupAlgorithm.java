package org.medinstruct.dedup;

import java.util.Locale;

/** How similar pairs are found: the prefix-filter join, or the all-pairs reference. */
public enum DedupAlgorithm {
  /** Prefix-filtered candidate generation with bit-parallel LCS verification. */
  PREFIX,
  /** All pairs scored with {@link RougeL#score(java.util.List, java.util.List)}; for tests. */
  BRUTEFORCE,
  /**
   * In Beam: {@link DistributedDedup}, the prefix join spread over workers (same decisions); the
   * in-memory engine treats it as {@link #PREFIX}.
   */
  DISTRIBUTED;

  public static DedupAlgorithm parse(String text) {
    if (text != null) {
      switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "prefix":
          return PREFIX;
        case "distributed":
          return DISTRIBUTED;
        case "bruteforce":
        case "brute-force":
          return BRUTEFORCE;
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        "unknown dedup algorithm '" + text + "': expected prefix, distributed or bruteforce");
  }
}
