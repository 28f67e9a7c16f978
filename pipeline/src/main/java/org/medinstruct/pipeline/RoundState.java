package org.medinstruct.pipeline;

import java.io.Serializable;

/**
 * What the rounds so far achieved; each round plans its requests from it. {@code stopReason} is
 * null while rounds may continue.
 */
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
   * Requests the next round sends: the deficit over the accepted yield per request measured so far
   * (or {@code assumedYield} before any), plus 10% margin, at least one. Capped at one request per
   * missing pair, so a run whose yield collapses cannot request without bound.
   */
  public long plannedRequests(double assumedYield) {
    long deficit = deficit();
    if (deficit == 0 || stopReason != null) {
      return 0;
    }
    double yield = requestsSoFar > 0 ? (double) acceptedSoFar / requestsSoFar : assumedYield;
    if (yield <= 0) {
      return deficit;
    }
    long n = (long) Math.ceil(deficit / yield * 1.1);
    return Math.max(1, Math.min(n, deficit));
  }

  /** The state after a round that sent {@code requests} and accepted {@code accepted} pairs. */
  public RoundState after(int finishedRound, long requests, long accepted, long budgetRefusals) {
    String stop = stopReason;
    long total = acceptedSoFar + accepted;
    if (stop == null && budgetRefusals > 0) {
      stop = "budget: --maxCostUsd reached in round " + finishedRound;
    } else if (stop == null && requests > 0 && accepted == 0) {
      stop = "no progress: round " + finishedRound + " accepted nothing from " + requests + " requests";
    }
    return new RoundState(
        finishedRound, nextRequestIndex + requests, requestsSoFar + requests, total, target, stop);
  }
}
