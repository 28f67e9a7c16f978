package org.medinstruct.pipeline;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * What the rounds so far achieved; each round plans its requests from it. {@code stopReason} is
 * null while rounds may continue.
 */
@DefaultCoder(RoundStateCoder.class)
public record RoundState(
    int round,
    long nextRequestIndex,
    long requestsSoFar,
    long acceptedSoFar,
    long target,
    String stopReason)
    implements Serializable {

  public static RoundState initial(long target) {
    return new RoundState(0, 0, 0, 0, target, null);
  }

  public long deficit() {
    return Math.max(0, target - acceptedSoFar);
  }

  /**
   * Requests the next round sends: the deficit over the accepted yield per request measured so far,
   * plus 5% margin; before any measurement, over {@code assumedYield} with no margin (an optimistic
   * first round costs one more round, a pessimistic one pays for surplus pairs). At least one, and
   * at most one request per missing pair, so a run whose yield collapses cannot request without
   * bound.
   */
  public long plannedRequests(double assumedYield) {
    long deficit = deficit();
    if (deficit == 0 || stopReason != null) {
      return 0;
    }
    boolean measured = requestsSoFar > 0;
    double yield = measured ? (double) acceptedSoFar / requestsSoFar : assumedYield;
    if (yield <= 0) {
      return deficit;
    }
    long n = (long) Math.ceil(deficit / yield * (measured ? 1.05 : 1.0));
    return Math.max(1, Math.min(n, deficit));
  }

  /** The state after a round that sent {@code requests} and accepted {@code accepted} pairs. */
  public RoundState after(int finishedRound, long requests, long accepted, long budgetRefusals) {
    String stop = stopReason;
    long total = acceptedSoFar + accepted;
    if (stop == null && budgetRefusals > 0) {
      stop = "budget: --maxCostUsd reached in round " + finishedRound;
    } else if (stop == null && requests > 0 && accepted == 0) {
      stop =
          "no progress: round "
              + finishedRound
              + " accepted nothing from "
              + requests
              + " requests";
    }
    return new RoundState(
        finishedRound, nextRequestIndex + requests, requestsSoFar + requests, total, target, stop);
  }
}
