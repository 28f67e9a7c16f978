package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.medinstruct.model.Failure;
import org.medinstruct.model.FailureKind;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.Records;
import org.medinstruct.model.Rejection;
import org.medinstruct.stages.Example;
import org.medinstruct.stages.Usage;

/**
 * summary.schema.json describes what Summary writes in every kind of run (generate, respond,
 * --method=alpacare, batch prices, budget stop, simulated or real endpoint), and refuses a summary
 * that breaks it. Summaries of real runs are checked by every pipeline test through {@link
 * Runs#summary}.
 */
class SummarySchemaTest {
  private static final String REAL = "https://api.openai.com/v1";

  @Test
  void generateOnRealEndpoint_meetsTheSchema() {
    assertThat(
        SummarySchema.problems(json(generate(REAL, "medinstruct", false), 3, List.of())),
        is(empty()));
  }

  @Test
  void generateOnSimulatedEndpointWithBatchPrices_meetsTheSchema() {
    assertThat(
        SummarySchema.problems(
            json(generate(Endpoint.SIMULATED, "medinstruct", true), 3, List.of())),
        is(empty()));
    assertThat(
        SummarySchema.problems(json(generate(REAL, "medinstruct", true), 3, List.of())),
        is(empty()));
  }

  @Test
  void alpacareMethod_meetsTheSchema() {
    assertThat(
        SummarySchema.problems(
            json(generate(Endpoint.SIMULATED, AlpacareMethod.NAME, false), -1, List.of())),
        is(empty()));
  }

  @Test
  void respondWithAFailedAnswer_meetsTheSchemaAsTargetNotMet() {
    SummaryContext respond =
        new SummaryContext(
            "respond",
            0,
            0,
            null,
            "gpt-3.5-turbo",
            0,
            List.of(),
            null,
            0,
            null,
            Endpoint.SIMULATED,
            0,
            null,
            null,
            null,
            false);
    // A failure of that one request (its context length), not of the endpoint: target_not_met.
    JsonObject s = build(respond, -1, List.of(failure("responses", FailureKind.BAD_REQUEST)));
    assertThat(s.get("status").getAsString(), is("target_not_met"));
    assertThat(SummarySchema.problems(s.toString()), is(empty()));
  }

  @Test
  void budgetStop_meetsTheSchema() {
    JsonObject s =
        build(
            generate(REAL, "medinstruct", false),
            50,
            List.of(failure("instructions", FailureKind.BUDGET)));
    assertThat(s.get("exit_code").getAsInt(), is(4));
    assertThat(SummarySchema.problems(s.toString()), is(empty()));
  }

  @Test
  void refusesAnUnknownField_soNewFieldsGoIntoTheSchemaFirst() {
    assertThat(broken(s -> s.addProperty("new_field", 1)), hasItem(containsString("new_field")));
    assertThat(
        broken(s -> s.getAsJsonObject("counts").addProperty("surprise", 1)),
        hasItem(containsString("surprise")));
  }

  @Test
  void refusesStatusAndExitCodeThatDisagree() {
    assertThat(broken(s -> s.addProperty("exit_code", 3)), not(empty()));
    assertThat(broken(s -> s.addProperty("status", "great")), not(empty()));
  }

  @Test
  void refusesNegativeCountsMissingHttpCountersAndCostOnTheSimulator() {
    assertThat(broken(s -> s.getAsJsonObject("counts").addProperty("accepted", -1)), not(empty()));
    assertThat(
        broken(s -> s.getAsJsonObject("http").remove("cache_hits")),
        hasItem(containsString("cache_hits")));
    assertThat(broken(s -> s.addProperty("cost_usd", 1.5)), not(empty()));
    assertThat(broken(s -> s.remove("status")), hasItem(containsString("status")));
  }

  private static List<String> broken(Consumer<JsonObject> change) {
    JsonObject s = build(generate(Endpoint.SIMULATED, "medinstruct", false), 3, List.of());
    assertThat("valid before the change", SummarySchema.problems(s.toString()), is(empty()));
    change.accept(s);
    return SummarySchema.problems(s.toString());
  }

  private static SummaryContext generate(String endpoint, String method, boolean batch) {
    return new SummaryContext(
        "generate",
        4,
        42,
        "gpt-4",
        "gpt-3.5-turbo",
        12,
        SummaryContext.REQUESTED_FORMATS,
        null,
        5.0,
        method,
        endpoint,
        3,
        null,
        null,
        null,
        batch);
  }

  private static String json(SummaryContext ctx, long target, List<String> failed) {
    return build(ctx, target, failed).toString();
  }

  /** A small run: 4 tasks parsed from one request, 3 accepted, 1 duplicate; plus {@code failed}. */
  private static JsonObject build(SummaryContext ctx, long target, List<String> failed) {
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      MedTask t =
          new MedTask(
              "t" + i,
              "Open Q&A",
              "Cardiology",
              "Nurse",
              "2",
              "Explain thing " + i + ".",
              i == 0 ? MedTask.NO_INPUT : "A 60-year-old man.",
              1,
              0,
              i,
              List.of("s1"));
      accepted.add(
          Records.toJson(
              Example.pending(t, null, Double.NaN, "seed", 0.3, "gpt-4")
                  .answered("gpt-3.5-turbo", "An answer.", "stop", 100, 50)
                  .toJson()));
    }
    List<String> rejected =
        List.of(
            Records.toJson(
                Records.rejection(
                    new Rejection(
                        "dedup",
                        "duplicate",
                        "ROUGE-L 0.8000 with: Explain thing 0.",
                        "{\"instruction\":\"Explain thing 0!\"}"))));
    long responseFailures = failed.stream().filter(f -> f.contains("\"responses\"")).count();
    List<String> usage = new ArrayList<>();
    usage.add(
        Records.GSON.toJson(
            new Usage(
                "instructions",
                "gpt-4",
                1200,
                900,
                false,
                1,
                (int) (4 + responseFailures),
                null,
                0)));
    for (int i = 0; i < 3; i++) {
      usage.add(
          Records.GSON.toJson(
              new Usage("responses", "gpt-3.5-turbo", 100, 50, i == 0, 1, 1, null, 0)));
    }
    long requests = 1 + failed.stream().filter(f -> f.contains("\"instructions\"")).count();
    RoundState state = RoundState.initial(Math.max(target, 0)).after(1, requests, 3, 0);
    JsonObject http = new JsonObject();
    for (String name : RunOutcome.HTTP_COUNTERS) {
      http.addProperty(name, 2);
    }
    http.addProperty("spend_micro_usd", 12);
    JsonObject stages = new JsonObject();
    stages.addProperty("instructions", 1.5);
    return SummaryFixtures.summary(
        ctx,
        target,
        accepted,
        rejected,
        failed,
        usage,
        List.of(SummaryFixtures.roundLine(state)),
        1_700_000_000_000L,
        1_700_000_004_250L,
        http,
        stages);
  }

  private static String failure(String stage, FailureKind kind) {
    return Records.toJson(
        Records.failure(new Failure(stage, "{\"id\":\"x\"}", "refused", false, 0, 1, kind)));
  }
}
