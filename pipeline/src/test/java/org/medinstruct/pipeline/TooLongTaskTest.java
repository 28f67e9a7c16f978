package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimStats;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * A task over the prompt limit is rejected as too_long before any request: the built-in simulated
 * endpoint (a test double for a paid API, on a real loopback socket) never receives a body over 1
 * MB, and every other task is answered once.
 */
class TooLongTaskTest {
  @TempDir Path tmp;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void givenOneFiveMegabyteTaskAmongTwenty_itIsRejectedTooLongAndNeverSent() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String instruction =
          i == 7
              ? "Summarize this note. " + "Patient reports chest pain and dyspnea. ".repeat(130_000)
              : "Explain the first-line treatment of asthma for patient number " + i + ".";
      lines.add("{\"instruction\": \"" + instruction + "\"}");
    }
    Path input = Files.write(tmp.resolve("tasks.jsonl"), lines);
    assertThat(Files.size(input) > 5_000_000, is(true));
    Path out = tmp.resolve("out");
    try (SimulatedLlmServer endpoint = SimulatedLlmServer.start(SimConfig.defaults())) {
      Runs.respond(
          "--input=" + input,
          "--output=" + out,
          "--cacheDir=" + tmp.resolve("cache"),
          "--llmBaseUrl=" + endpoint.baseUrl());

      SimStats stats = endpoint.stats();
      assertThat(stats.chatRequests(), is(19L));
      assertThat(stats.largestRequestBytes(), lessThan(1_000_000L));
      assertThat(stats.duplicateCompletions(), is(0L));
    }
    List<JsonObject> rejected = Runs.jsonl(out.resolve("rejected.jsonl"));
    long tooLong =
        rejected.stream().filter(r -> "too_long".equals(r.get("reason").getAsString())).count();
    assertThat(tooLong, is(1L));
    JsonObject s = Runs.summary(out);
    assertThat(
        s.getAsJsonObject("counts")
            .getAsJsonObject("rejected_by_reason")
            .get("responses/too_long")
            .getAsLong(),
        is(1L));
    Runs.assertReconciles(out);
    assertThat(Files.exists(out.resolve("report.html")), is(true));
  }
}
