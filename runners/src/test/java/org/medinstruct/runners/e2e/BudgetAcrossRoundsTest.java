package org.medinstruct.runners.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * {@code generate --maxCostUsd} over several rounds against the simulated endpoint (a test double
 * for a paid API): the budget holds for the whole run, not for each round's job, since the client
 * gives each round what the earlier rounds left.
 */
class BudgetAcrossRoundsTest {
  @TempDir Path tmp;

  private E2e.Result generate(SimulatedLlmServer sim, String name, String... extra)
      throws Exception {
    Path prices = tmp.resolve("prices.json");
    // $1000 per million tokens: a generation request costs a few dollars.
    Files.writeString(
        prices,
        "{\"gpt-4\": {\"prompt\": 1000, \"completion\": 1000},"
            + " \"gpt-3.5-turbo\": {\"prompt\": 1000, \"completion\": 1000}}");
    String[] base = {
      "generate",
      "--targetInstructions=200",
      "--maxRequestsPerRound=2",
      "--output=" + tmp.resolve(name),
      "--cacheDir=" + tmp.resolve(name + "-cache"),
      "--llmBaseUrl=" + sim.baseUrl(),
      "--pricesFile=" + prices
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return E2e.runInProcess(args);
  }

  /** The priced spend; on the simulated endpoint it is reported as cost_usd_if_real. */
  private static double cost(JsonObject summary) {
    return summary.has("cost_usd_if_real")
        ? summary.get("cost_usd_if_real").getAsDouble()
        : summary.get("cost_usd").getAsDouble();
  }

  @Test
  void givenABudgetForOneAndAHalfRounds_theRunStopsInItsSecondRoundWithinTheBudget()
      throws Exception {
    try (SimulatedLlmServer sim = SimulatedLlmServer.start(SimConfig.defaults())) {
      E2e.Result one = generate(sim, "one", "--maxRounds=1");
      double roundCost = cost(E2e.summary(tmp.resolve("one")));
      assertThat("round 1 costs something: " + one.out(), roundCost, greaterThan(0.0));
      double budget = 1.5 * roundCost;

      E2e.Result r = generate(sim, "budget", "--maxRounds=5", "--maxCostUsd=" + budget);
      assertThat(r.out() + r.err(), r.exitCode(), is(4));
      JsonObject s = E2e.summary(tmp.resolve("budget"));
      assertThat(s.get("status").getAsString(), is("budget_stop"));
      assertThat(s.getAsJsonArray("rounds").size(), greaterThanOrEqualTo(2));
      assertThat(cost(s), lessThanOrEqualTo(budget));
      assertThat(E2e.count(s, "failed"), greaterThan(0L));
      assertThat(s.getAsJsonObject("counts").get("reconciles").getAsBoolean(), is(true));
    }
  }
}
