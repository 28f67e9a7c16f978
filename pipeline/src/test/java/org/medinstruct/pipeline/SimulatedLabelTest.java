package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.model.MedTask;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;
import org.medinstruct.tasks.SeedLoader;

/**
 * Data from the built-in simulated endpoint (a test double) never passes for real data:
 * summary.json, every medinstruct.jsonl record, the report and the console say so, and its cost is
 * what the run would have cost, never money spent.
 */
class SimulatedLabelTest {
  @TempDir Path tmp;

  @Test
  void givenSimulatedEndpoint_generateLabelsSummaryRecordsReportAndCost() throws Exception {
    Path out = tmp.resolve("out");
    String printed =
        Runs.generate(
            "--output=" + out, "--cacheDir=" + tmp.resolve("cache"), "--targetInstructions=10");

    assertSimulated(out);
    assertThat(printed, containsString("nothing spent; would have cost $"));
    assertThat(printed, not(containsString("; cost $")));
  }

  @Test
  void givenSimulatedEndpoint_respondLabelsSummaryRecordsReportAndCost() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (MedTask t : SeedLoader.loadDefault().subList(0, 6)) {
      JsonObject o = new JsonObject();
      o.addProperty("instruction", t.instruction());
      o.addProperty("input", t.input());
      sb.append(o).append('\n');
    }
    Path input = Files.writeString(tmp.resolve("tasks.jsonl"), sb.toString());
    Path out = tmp.resolve("out");
    String printed =
        Runs.respond("--input=" + input, "--output=" + out, "--cacheDir=" + tmp.resolve("cache"));

    assertSimulated(out);
    assertThat(printed, containsString("would have cost $"));
  }

  @Test
  void givenSimulateLlmServerNamedByUrl_runIsStillLabelledSimulated() throws Exception {
    try (SimulatedLlmServer sim = SimulatedLlmServer.start(SimConfig.defaults())) {
      StringBuilder sb = new StringBuilder();
      for (MedTask t : SeedLoader.loadDefault().subList(0, 3)) {
        JsonObject o = new JsonObject();
        o.addProperty("instruction", t.instruction());
        o.addProperty("input", t.input());
        sb.append(o).append('\n');
      }
      Path input = Files.writeString(tmp.resolve("tasks.jsonl"), sb.toString());
      Path out = tmp.resolve("out");
      String printed =
          Runs.respond(
              "--input=" + input,
              "--output=" + out,
              "--cacheDir=" + tmp.resolve("cache"),
              "--llmBaseUrl=" + sim.baseUrl());

      assertThat(printed, containsString("is the built-in SIMULATED LLM endpoint"));
      assertSimulated(out);
    }
  }

  @Test
  void endpointLabel_dropsCredentialsQueryAndFragment() {
    assertThat(
        Endpoint.label("https://user:secret@llm.example.com:8443/v1?api-key=abc#x"),
        is("https://llm.example.com:8443/v1"));
    assertThat(Endpoint.label("http://127.0.0.1:8000/v1"), is("http://127.0.0.1:8000/v1"));
    assertThat(Endpoint.label("not a url"), is("real"));
  }

  private static void assertSimulated(Path out) throws Exception {
    JsonObject s = Runs.summary(out);
    assertThat(s.get("endpoint").getAsString(), is("simulated"));
    assertThat(s.get("simulated").getAsBoolean(), is(true));
    assertThat(s.get("cost_usd").getAsDouble(), is(0.0));
    assertThat(s.get("cost_usd_if_real").getAsDouble(), greaterThan(0.0));
    for (var stage : s.getAsJsonObject("llm").entrySet()) {
      for (var model : stage.getValue().getAsJsonObject().entrySet()) {
        JsonObject m = model.getValue().getAsJsonObject();
        assertThat(stage.getKey(), m.get("cost_usd").getAsDouble(), is(0.0));
        assertThat(stage.getKey(), m.has("cost_usd_if_real"), is(true));
      }
    }
    List<JsonObject> records = Runs.jsonl(out.resolve("medinstruct.jsonl"));
    assertThat(records.size(), greaterThan(0));
    for (JsonObject r : records) {
      assertThat(r.get("id").getAsString(), r.get("simulated").getAsBoolean(), is(true));
    }
    // medinstruct.json keeps the MedInstruct-52k layout.
    for (JsonElement e : Runs.dataset(out)) {
      assertThat(e.getAsJsonObject().keySet(), is(Set.of("instruction", "input", "output")));
    }
    String report = Files.readString(out.resolve("report.html"));
    assertThat(report, containsString("id=\"simulated-banner\""));
    assertThat(report, containsString("Would have cost (nothing spent)"));
  }
}
