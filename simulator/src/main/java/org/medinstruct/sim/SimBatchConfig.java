package org.medinstruct.sim;

/**
 * Batch API behaviour of the {@link SimulatedLlmServer} (a test double for a paid API).
 *
 * @param delayMillis a batch stays in progress this long after it is created, then completes
 * @param failedLineShare probability that a line fails (HTTP 500 in the error file), drawn per line
 *     and submission so that the same request resubmitted can succeed
 * @param expireFirstBatches the first this many batches expire: only the first half of their lines
 *     are done, the rest are in the error file as {@code batch_expired}
 */
public record SimBatchConfig(long delayMillis, double failedLineShare, int expireFirstBatches) {
  public SimBatchConfig {
    if (delayMillis < 0 || expireFirstBatches < 0) {
      throw new IllegalArgumentException("batch delay and expired batches must not be negative");
    }
    if (!(failedLineShare >= 0 && failedLineShare <= 1)) {
      throw new IllegalArgumentException(
          "failedLineShare must be in [0,1], got " + failedLineShare);
    }
  }

  /** Batches complete after 2 s with no failed lines and none expired. */
  public static SimBatchConfig defaults() {
    return new SimBatchConfig(2000, 0, 0);
  }
}
