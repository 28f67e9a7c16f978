package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.medinstruct.model.FailureKind;

/** The budget layer alone, over a fake next layer. */
class BudgetedExchangeTest {
  private final FakeTime time = new FakeTime();
  private final Prices prices = Prices.defaults();

  private Exchange.Attempt attempt(ChatRequest r) {
    return new Exchange.Attempt(r, "{}", 1, RequestDeadline.start(time, Safeguards.defaults(), 60));
  }

  private static Exchange.Reply completion(long prompt, long completion) {
    return Exchange.Reply.of(
        new LlmHttp.Response(200, Map.of(), ""),
        new ChatResponse("ok", "stop", prompt, completion, 1, false),
        null);
  }

  @Test
  void givenACompletion_spendsItsRealCost() throws Exception {
    Budget budget = new Budget(10);
    BudgetedExchange layer = new BudgetedExchange(a -> completion(1000, 500), budget, prices, 10);
    layer.send(attempt(Fixtures.request("p")));
    double cost = prices.cost("gpt-4", 1000, 500);
    assertTrue(cost > 0);
    assertEquals(cost, layer.spentUsd(), 1e-12);
    Map<String, Long> counters = new HashMap<>();
    layer.drainCounters(counters);
    assertEquals(Math.round(cost * 1e6), counters.get("spend_micro_usd"));
  }

  @Test
  void givenTheWorstCaseOverTheBudget_refusesWithoutSending() {
    AtomicInteger sent = new AtomicInteger();
    ChatRequest r = Fixtures.request("p");
    double limit = prices.worstCase(r) / 2;
    BudgetedExchange layer =
        new BudgetedExchange(
            a -> {
              sent.incrementAndGet();
              return completion(1, 1);
            },
            new Budget(limit),
            prices,
            limit);
    LlmException e = assertThrows(LlmException.class, () -> layer.send(attempt(r)));
    assertEquals(FailureKind.BUDGET, e.kind());
    assertTrue(e.retryable());
    assertTrue(e.getMessage().startsWith("budget exhausted"), e.getMessage());
    assertEquals(0, sent.get());
  }

  @Test
  void givenNoResponseOrAnError_releasesTheReservation() throws Exception {
    ChatRequest r = Fixtures.request("p");
    double limit = prices.worstCase(r) * 1.5; // room for one reservation at a time
    Budget budget = new Budget(limit);
    BudgetedExchange failing =
        new BudgetedExchange(
            a -> {
              throw new IOException("reset");
            },
            budget,
            prices,
            limit);
    for (int i = 0; i < 3; i++) {
      assertThrows(IOException.class, () -> failing.send(attempt(r)));
    }
    BudgetedExchange erroring =
        new BudgetedExchange(
            a -> Exchange.Reply.of(new LlmHttp.Response(500, Map.of(), ""), null, null),
            budget,
            prices,
            limit);
    for (int i = 0; i < 3; i++) {
      assertEquals(500, erroring.send(attempt(r)).status());
    }
    assertEquals(0, budget.spentUsd());
    assertTrue(budget.tryReserve(prices.worstCase(r)), "nothing stayed reserved");
  }

  @Test
  void givenABudgetAndAnUnpricedModel_refusesToSpendBlindly() {
    ChatRequest r =
        new ChatRequest(
            "s",
            "k",
            "t",
            "no-such-model",
            List.of(ChatMessage.user("x")),
            1,
            1,
            0,
            10,
            List.of(),
            null);
    BudgetedExchange layer = new BudgetedExchange(a -> completion(1, 1), new Budget(5), prices, 5);
    LlmException e = assertThrows(LlmException.class, () -> layer.send(attempt(r)));
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("has no price"), e.getMessage());
  }
}
