package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * {@code generate --structuredTasks=true} end to end on the Direct Runner against the simulated
 * endpoint (a test double for a paid API) on a loopback socket: the tasks come back as JSON and are
 * read without the text parser; an endpoint that refuses response_format, or a model the models
 * file marks without structured output, gets the text prompt, and the dataset is then the text-mode
 * dataset. summary.json reports the parse losses of both parsers.
 */
class StructuredTasksTest {
  @TempDir Path tmp;

  private String[] args(SimulatedLlmServer sim, String out, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--output=" + tmp.resolve(out),
                "--cacheDir=" + tmp.resolve(out + "-cache"),
                "--targetInstructions=30",
                "--seed=11",
                "--llmBaseUrl=" + sim.baseUrl()));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  private static JsonObject parse(Path out, String parser) throws Exception {
    return Runs.summary(out).getAsJsonObject("parse").getAsJsonObject(parser);
  }

  @Test
  void givenStructuredTasks_everyCompletionIsReadAsJsonAndTheSummaryCountsItsParseLosses()
      throws Exception {
    try (SimulatedLlmServer sim = SimulatedLlmServer.start(SimConfig.defaults())) {
      Runs.generate(args(sim, "structured", "--structuredTasks=true", "--instructionModel=gpt-4o"));
      Path out = tmp.resolve("structured");
      Runs.assertReconciles(out);
      JsonObject s = Runs.summary(out);
      JsonObject structured = parse(out, "structured");
      assertThat(
          structured.get("completions").getAsLong(), is(Runs.count(s, "instruction_requests")));
      assertThat(parse(out, "text").get("completions").getAsLong(), is(0L));
      long requested = structured.get("tasks_requested").getAsLong();
      assertThat(
          requested,
          is(
              structured.get("completions").getAsLong()
                  * s.get("tasks_requested_per_prompt").getAsLong()));
      assertThat(structured.get("tasks_parsed").getAsLong(), greaterThan(0L));
      assertThat(
          structured.get("tasks_lost").getAsLong(),
          is(requested - structured.get("tasks_parsed").getAsLong()));
      assertThat(
          "the parsed tasks are what the stages counted",
          structured.get("tasks_parsed").getAsLong(),
          is(Runs.count(s, "generated") - sum(s, "parse/")));
      assertThat(Runs.count(s, "accepted"), is(30L));
    }
  }

  @Test
  void givenEndpointRefusingResponseFormat_fallsBackToTextAndWritesTheTextModeDataset()
      throws Exception {
    try (SimulatedLlmServer sim =
        SimulatedLlmServer.start(SimConfig.defaults().withRefuseResponseFormat(true))) {
      Runs.generate(args(sim, "fallback", "--structuredTasks=true", "--instructionModel=gpt-4o"));
      Runs.generate(args(sim, "text", "--instructionModel=gpt-4o"));
      Path fallback = tmp.resolve("fallback");
      Runs.assertReconciles(fallback);
      assertThat(parse(fallback, "structured").get("completions").getAsLong(), is(0L));
      assertThat(
          parse(fallback, "text").get("completions").getAsLong(),
          is(Runs.count(Runs.summary(fallback), "instruction_requests")));
      for (String f : new String[] {"medinstruct.jsonl", "medinstruct.json", "rejected.jsonl"}) {
        assertThat(
            f + " equals the text-mode run's",
            Files.mismatch(fallback.resolve(f), tmp.resolve("text").resolve(f)),
            is(-1L));
      }
      assertThat(
          "refused once per client, then sent as text",
          sim.stats().byStatus().getOrDefault(400, 0L) <= 4,
          is(true));
    }
  }

  @Test
  void givenModelWithoutStructuredOutput_warnsOnceAndUsesTheTextParser() throws Exception {
    try (SimulatedLlmServer sim = SimulatedLlmServer.start(SimConfig.defaults())) {
      String printed =
          Runs.generate(args(sim, "gpt4", "--structuredTasks=true", "--instructionModel=gpt-4"));
      assertThat(printed.split("structured_output: false", -1).length - 1, is(1));
      Path out = tmp.resolve("gpt4");
      assertThat(parse(out, "structured").get("completions").getAsLong(), is(0L));
      assertThat(parse(out, "text").get("completions").getAsLong(), greaterThan(0L));
      assertThat(sim.stats().byStatus().getOrDefault(400, 0L), is(0L));
    }
  }

  private static long sum(JsonObject summary, String prefix) {
    long n = 0;
    for (var e :
        summary.getAsJsonObject("counts").getAsJsonObject("rejected_by_reason").entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        n += e.getValue().getAsLong();
      }
    }
    return n;
  }
}
