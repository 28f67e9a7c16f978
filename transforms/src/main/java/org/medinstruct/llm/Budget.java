package org.medinstruct.llm;

/**
 * The spend of one worker JVM against its share of {@code maxCostUsd}. A request reserves its
 * worst-case cost before it is sent; the reservation is replaced by the real cost on success and
 * released on failure, so in-flight requests count conservatively. Limit 0 = no budget.
 */
final class Budget {
  private final double limitUsd;
  private double spentUsd;
  private double reservedUsd;

  Budget(double limitUsd) {
    this.limitUsd = limitUsd;
  }

  /** Reserves {@code usd}, or returns false when that would exceed the limit. */
  synchronized boolean tryReserve(double usd) {
    if (limitUsd > 0 && spentUsd + reservedUsd + usd > limitUsd) {
      return false;
    }
    reservedUsd += usd;
    return true;
  }

  synchronized void settle(double reservedUsdAmount, double actualUsd) {
    reservedUsd = Math.max(0, reservedUsd - reservedUsdAmount);
    spentUsd += actualUsd;
  }

  synchronized void release(double reservedUsdAmount) {
    reservedUsd = Math.max(0, reservedUsd - reservedUsdAmount);
  }

  synchronized double spentUsd() {
    return spentUsd;
  }

  double limitUsd() {
    return limitUsd;
  }
}
