package org.medinstruct.runners.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * {@code generate --dryRun=true} through the launcher: requests, tokens and a cost priced from
 * --pricesFile are printed; nothing is sent (the simulated endpoint, a test double for a paid API,
 * sees no request at all) and nothing is written.
 */
class DryRunTest {
  private static final Pattern LINE =
      Pattern.compile(
          "(instructions|responses)\\s+(\\S+)\\s+(\\d+) requests\\s+(\\d+) prompt \\+\\s+(\\d+)"
              + " completion tokens\\s+\\$(\\d+\\.\\d\\d)");

  @TempDir Path tmp;

  @Test
  void givenDryRun_printsRequestsTokensAndPricedCost_sendsNothingAndWritesNothing()
      throws Exception {
    Path prices = tmp.resolve("prices.json");
    // $1 per million prompt tokens and $2 per million completion tokens for both models.
    Files.writeString(
        prices,
        "{\"gpt-4\": {\"prompt\": 1, \"completion\": 2},"
            + " \"gpt-3.5-turbo\": {\"prompt\": 1, \"completion\": 2}}");
    Path out = tmp.resolve("out");
    Path cache = tmp.resolve("cache");
    try (SimulatedLlmServer sim = SimulatedLlmServer.start(SimConfig.defaults())) {
      E2e.Result r =
          E2e.runInProcess(
              "generate",
              "--dryRun=true",
              "--targetInstructions=52000",
              "--output=" + out,
              "--cacheDir=" + cache,
              "--llmBaseUrl=" + sim.baseUrl(),
              "--pricesFile=" + prices,
              "--maxCostUsd=1");
      assertThat(r.err(), r.exitCode(), is(0));
      assertThat(r.out(), containsString("DRY RUN: nothing is sent"));
      Matcher m = LINE.matcher(r.out());
      double total = 0;
      int stages = 0;
      while (m.find()) {
        stages++;
        long requests = Long.parseLong(m.group(3));
        long prompt = Long.parseLong(m.group(4));
        long completion = Long.parseLong(m.group(5));
        double cost = Double.parseDouble(m.group(6));
        assertThat(requests, greaterThan(0L));
        assertThat(prompt, greaterThan(0L));
        assertThat(completion, greaterThan(0L));
        assertThat(m.group(), cost, closeTo((prompt * 1.0 + completion * 2.0) / 1e6, 0.006));
        total += cost;
      }
      assertThat(r.out(), stages, is(2));
      assertThat(total, greaterThan(1.0));
      assertThat(r.out(), containsString("exceeds --maxCostUsd=1.00"));
      assertThat("no request of any kind reached the endpoint", sim.stats().requests(), is(0L));
    }
    assertThat(Files.exists(out), is(false));
    assertThat(Files.exists(cache), is(false));
  }
}
