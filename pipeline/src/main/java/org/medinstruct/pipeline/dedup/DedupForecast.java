package org.medinstruct.pipeline.dedup;

import java.util.List;
import java.util.Locale;
import org.medinstruct.dedup.JoinEstimate;

/**
 * What `dedup` prints before it starts: the similarity join's estimated candidate pairs ({@link
 * JoinEstimate}) and what that means in time, so that a corpus too dense for an exact ROUGE-L dedup
 * in the time the user has is known before any worker starts, not after an hour of a silent join.
 */
final class DedupForecast {
  /**
   * Pairs the join enumerates that one worker slot gets through per second, and the slot-seconds
   * every record costs besides (reading, index, decisions, writing), on the local Flink cluster of
   * the 2-core development machine (2 TaskManagers x 1 slot, 6 GB). The per-record cost was fitted
   * on 2026-12-03 to 1,000,000 dedup-bench records (3.4e8 estimated pairs, a 191 s job). The pair
   * rate was fitted again after the join's session-12 changes (runners/FLINK.md) to NearDupCorpus
   * runs: its first 300,000 records (5.7e9 estimated pairs, 94-102 s jobs) and all 1,000,000
   * (6.3e10, a 668 s job). The rate is rounded down, so the forecast stays on the long side.
   */
  static final double PAIRS_PER_SECOND_PER_SLOT = 5e7;

  static final double SLOT_SECONDS_PER_RECORD = 3.7e-4;

  /** Above this many slot-hours the forecast warns. */
  static final double WARN_SLOT_SECONDS = 3600;

  /**
   * Above this many similar pairs the forecast warns of the decisions' volume: each similar pair
   * crosses the shuffle to the decisions as one half edge of about {@link #BYTES_PER_SIMILAR_PAIR},
   * and the greedy order of a connected group of similar records is decided on one worker (which
   * reads the group's edges back from a temporary file beyond 256 MB, so its heap holds a few
   * hundred bytes per record). Measured on 2 TaskManagers x 6 GB: the dense 300,000 (3.65e7 similar
   * pairs) decided in about 40 s, the dense 500,000 (1.01e8) in about 2.5 min on a loaded machine;
   * the dense 1M (4.06e8) read its halves back from the shuffle's spill files for about 3.5 minutes
   * on a quiet machine before its decisions started, and decided its giant component in about 1.5.
   */
  static final double WARN_SIMILAR_PAIRS = 5e7;

  /**
   * Peak bytes in the TaskManagers' temporary directories per similar pair, measured on the dense
   * 1M (4.06e8 similar pairs, 17.8 GB at the peak) when a half edge was about 19 bytes. Since the
   * halves travel grouped by candidate (about 6 bytes each, {@code GroupedHalves}) the records' own
   * shuffles dominate; the figure is kept as an upper bound.
   */
  static final double BYTES_PER_SIMILAR_PAIR = 45;

  private DedupForecast() {}

  static JoinEstimate estimate(List<InputRecords.Line> lines, double threshold) {
    List<String> texts = lines.stream().map(InputRecords.Line::instruction).toList();
    return JoinEstimate.of(texts, threshold, JoinEstimate.DEFAULT_SAMPLE);
  }

  /** The line(s) to print for {@code e}. */
  static String describe(JoinEstimate e) {
    double slotSeconds =
        e.seconds(PAIRS_PER_SECOND_PER_SLOT, 1) + e.records() * SLOT_SECONDS_PER_RECORD;
    String line =
        String.format(
            Locale.ROOT,
            "dedup: the similarity join will check %s: about %s of work for one worker slot"
                + " (divide by the parallelism)",
            e.describe(),
            duration(slotSeconds));
    if (e.similarPairs() > WARN_SIMILAR_PAIRS) {
      line +=
          String.format(
              Locale.ROOT,
              "%ndedup: warning: about %.2g pairs of these records are similar (ROUGE-L above the"
                  + " threshold, from a sample); each crosses the shuffle to the decisions, about"
                  + " %.1f GB in all on the workers' disks, and a connected group of similar"
                  + " records is decided on one worker: dedup smaller groups (for example per task"
                  + " type) separately if that is too much",
              e.similarPairs(),
              e.similarPairs() * BYTES_PER_SIMILAR_PAIR / 1e9);
    }
    if (slotSeconds <= WARN_SLOT_SECONDS) {
      return line;
    }
    return line
        + String.format(
            Locale.ROOT,
            "%ndedup: warning: these records share most of their tokens (%.0f prefix-sharing pairs"
                + " per record), so an exact ROUGE-L dedup of them is close to all-pairs; more"
                + " workers (--parallelism on a cluster) divide the time, or dedup smaller groups"
                + " (for example per task type) separately",
            e.candidatePairs() / Math.max(1, e.records()));
  }

  static String duration(double seconds) {
    if (seconds < 120) {
      return String.format(Locale.ROOT, "%.0f s", seconds);
    }
    if (seconds < 7200) {
      return String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }
    return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
  }
}
