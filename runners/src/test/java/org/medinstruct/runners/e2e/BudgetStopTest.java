package org.medinstruct.runners.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * {@code respond} with a tiny --maxCostUsd against the simulated endpoint (a test double for a paid
 * API): it stops at the budget, keeps and writes finished work, and every task is accounted.
 */
class BudgetStopTest {
  private static final int TASKS = 20;

  @TempDir Path tmp;

  @Test
  void givenTinyBudget_finishedWorkIsWrittenRefusedRequestsAreFailedAndLauncherSaysItStopped()
      throws Exception {
    Path tasks = E2e.writeTasks(tmp.resolve("tasks.jsonl"), TASKS);
    // $1000 per million tokens: about $0.001 a token, so a response costs tenths of a dollar.
    Path prices = tmp.resolve("prices.json");
    Files.writeString(prices, "{\"gpt-3.5-turbo\": {\"prompt\": 1000, \"completion\": 1000}}");
    Path out = tmp.resolve("out");
    try (SimulatedLlmServer sim = SimulatedLlmServer.start(SimConfig.defaults())) {
      E2e.Result r =
          E2e.runInProcess(
              "respond",
              "--input=" + tasks,
              "--output=" + out,
              "--cacheDir=" + tmp.resolve("cache"),
              "--llmBaseUrl=" + sim.baseUrl(),
              "--pricesFile=" + prices,
              "--maxCostUsd=2",
              "--responseModel=gpt-3.5-turbo");
      assertThat(r.err(), r.exitCode(), is(4));
      assertThat(r.out(), containsString("STOPPED AT BUDGET"));
      assertThat(r.err(), containsString("--maxCostUsd"));

      JsonObject s = E2e.summary(out);
      assertThat(s.get("stopped_at_budget").getAsBoolean(), is(true));
      assertThat(s.get("status").getAsString(), is("budget_stop"));
      long accepted = E2e.count(s, "accepted");
      long rejected = E2e.count(s, "rejected");
      long failed = E2e.count(s, "failed");
      assertThat(
          "some work finished before the budget ran out", accepted + rejected, greaterThan(0L));
      assertThat("the budget refused some requests", failed, greaterThan(0L));
      assertThat(accepted + rejected + failed, is((long) TASKS));
      assertThat(s.getAsJsonObject("counts").get("reconciles").getAsBoolean(), is(true));
      assertThat(E2e.lines(out.resolve("medinstruct.jsonl")), is(accepted));
      assertThat(E2e.lines(out.resolve("rejected.jsonl")), is(rejected));
      for (String line : Files.readAllLines(out.resolve("failed.jsonl"))) {
        if (!line.isBlank()) {
          assertThat(
              JsonParser.parseString(line).getAsJsonObject().get("kind").getAsString(),
              is("budget"));
        }
      }
      assertThat(E2e.lines(out.resolve("failed.jsonl")), is(E2e.count(s, "failed")));
      assertThat(s.get("cost_usd").getAsDouble(), lessThanOrEqualTo(2.0));
      // Nothing paid for is thrown away: every completion served is in the output.
      assertThat(sim.stats().completions(), is(accepted + rejected));
    }
  }
}
