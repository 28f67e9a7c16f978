package org.medinstruct.llm;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.medinstruct.model.FailureKind;

/**
 * Holds spending to this worker's share of {@code maxCostUsd}: an attempt reserves its worst-case
 * cost before the next layer sends it; a completion settles the reservation at its real cost
 * ("spend_micro_usd"), anything else releases it. Refuses to send an unpriced model when there is a
 * budget, since the budget could not hold.
 */
final class BudgetedExchange implements Exchange {
  private final Exchange next;
  private final Budget budget;
  private final Prices prices;
  private final double maxCostUsd;
  private final AtomicLong spendMicros = new AtomicLong();

  BudgetedExchange(Exchange next, Budget budget, Prices prices, double maxCostUsd) {
    this.next = next;
    this.budget = budget;
    this.prices = prices;
    this.maxCostUsd = maxCostUsd;
  }

  @Override
  public Reply send(Attempt attempt) throws IOException, InterruptedException {
    ChatRequest request = attempt.request();
    int before = attempt.number() - 1;
    if (budget.limitUsd() > 0 && !prices.isPriced(request.model())) {
      // Commands refuse this before the run; a client built another way must not spend blindly.
      throw new LlmException(unpriced(request.model()), 0, false, before);
    }
    double reservation = prices.worstCase(request);
    if (!budget.tryReserve(reservation)) {
      throw new LlmException(exhausted(budget, maxCostUsd), 0, true, before, FailureKind.BUDGET);
    }
    boolean settled = false;
    try {
      Reply reply = next.send(attempt);
      ChatResponse done = reply.completion();
      if (done != null) {
        double cost = prices.cost(request.model(), done.promptTokens(), done.completionTokens());
        budget.settle(reservation, cost);
        settled = true;
        spendMicros.addAndGet(Math.round(cost * 1e6));
      }
      return reply;
    } finally {
      if (!settled) {
        budget.release(reservation);
      }
    }
  }

  /** Why an unpriced model is refused while there is a budget. */
  static String unpriced(String model) {
    return "model " + model + " has no price, so maxCostUsd cannot hold (add it to a models file)";
  }

  /** Why a request is refused when its worst case would overrun the budget. */
  static String exhausted(Budget budget, double maxCostUsd) {
    return String.format(
        Locale.ROOT,
        "budget exhausted: spent $%.4f of this worker's $%.4f share of maxCostUsd %.4f",
        budget.spentUsd(),
        budget.limitUsd(),
        maxCostUsd);
  }

  double spentUsd() {
    return budget.spentUsd();
  }

  void drainCounters(Map<String, Long> into) {
    into.put("spend_micro_usd", spendMicros.getAndSet(0));
  }
}
