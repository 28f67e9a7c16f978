package org.medinstruct.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.llm.Prices;

/** The budget the client hands each round's job: what the run's earlier rounds left of it. */
class RoundBudgetTest {
  @TempDir Path tmp;

  private static String usage(String model, boolean fromCache, long prompt, long completion) {
    return String.format(
        "{\"stage\":\"responses\",\"model\":\"%s\",\"fromCache\":%b,\"promptTokens\":%d,"
            + "\"completionTokens\":%d}",
        model, fromCache, prompt, completion);
  }

  @Test
  void aRoundsSpendPricesItsCompletionsAndNotItsJournalHits() throws Exception {
    Path prices = tmp.resolve("prices.json");
    Files.writeString(prices, "{\"m\": {\"prompt\": 1000, \"completion\": 2000}}");
    Path dir = Files.createDirectories(tmp.resolve("round-1"));
    Files.write(
        dir.resolve("usage-00000-of-00002" + WriteShards.SUFFIX),
        List.of("a\t" + usage("m", false, 1000, 500), "b\t" + usage("m", true, 9000, 9000)));
    Files.write(
        dir.resolve("usage-00001-of-00002" + WriteShards.SUFFIX),
        List.of("c\t" + usage("m", false, 2000, 0)));
    // (1000 * 1000 + 500 * 2000) / 1e6 + 2000 * 1000 / 1e6; the journal hit costs nothing.
    assertEquals(4.0, GenerateRounds.spend(dir.toString(), Prices.load(prices.toString())), 1e-9);
  }

  @Test
  void aRoundGetsWhatTheEarlierRoundsLeftAndNeverZeroWhichWouldMeanNoBudget() {
    assertEquals(6.0, GenerateRounds.roundBudget(10, 4), 1e-12);
    assertTrue(GenerateRounds.roundBudget(10, 10) > 0);
    assertTrue(GenerateRounds.roundBudget(10, 12) > 0);
    assertTrue(GenerateRounds.roundBudget(10, 12) < 1e-300);
  }
}
