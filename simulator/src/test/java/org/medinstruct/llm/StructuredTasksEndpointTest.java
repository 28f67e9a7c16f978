package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.model.MedTask;
import org.medinstruct.sim.SimBatchConfig;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;
import org.medinstruct.tasks.InstructionPrompt;
import org.medinstruct.tasks.StructuredTasks;
import org.medinstruct.tasks.TaskParser;

/**
 * Structured tasks over a real loopback socket against the simulated endpoint (a test double for a
 * paid API): a json_schema response_format gets the tasks as JSON that parses without the text
 * parser; an endpoint that refuses response_format gets the text request instead (same completion
 * as a text-mode request, one warning), online and in batch mode.
 */
class StructuredTasksEndpointTest {
  private static final int TASKS = 6;

  @TempDir Path dir;

  private static List<ChatRequest> generationRequests(int n, boolean structured) {
    List<MedTask> seeds =
        List.of(
            MedTask.seed(
                "s1",
                new MedTask.Labels("Chat", "Asthma", "patient", "2"),
                "How should I use my inhaler?",
                "<noinput>"),
            MedTask.seed(
                "s2",
                new MedTask.Labels("Summarization", "Sepsis", "physician", "3"),
                "Summarize the case.",
                "A 70-year-old with fever and hypotension was given fluids and antibiotics."),
            MedTask.seed(
                "s3",
                new MedTask.Labels("Open-ended Q&A", "Gout", "medical student", "2"),
                "What causes gout flares?",
                "<noinput>"));
    InstructionPrompt prompt = InstructionPrompt.defaultPrompt();
    List<ChatRequest> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ChatRequest r =
          new ChatRequest(
              "instructions",
              "instructions:" + i,
              prompt.templateVersion(),
              "gpt-4o",
              prompt.messages(seeds.subList(0, 1 + i % 3), TASKS),
              1.0,
              1.0,
              1.5,
              3072,
              prompt.stop(1 + i % 3, TASKS),
              null);
      out.add(structured ? r.withResponseFormat(StructuredTasks.RESPONSE_FORMAT) : r);
    }
    return out;
  }

  private static List<ChatResponse> completeAll(ChatClient c, List<ChatRequest> requests)
      throws Exception {
    List<CompletableFuture<ChatResponse>> futures = new ArrayList<>();
    requests.forEach(r -> futures.add(c.complete(r)));
    List<ChatResponse> out = new ArrayList<>();
    for (CompletableFuture<ChatResponse> f : futures) {
      out.add(f.get(60, TimeUnit.SECONDS));
    }
    return out;
  }

  @Test
  void
      givenJsonSchemaFormat_theBodyCarriesItWithoutStopAndTheTasksComeAsJsonThatParsesWithoutTheTextParser()
          throws Exception {
    ChatRequest request = generationRequests(1, true).get(0);
    JsonObject body =
        JsonParser.parseString(
                OpenAiProtocol.requestBody(request, ModelCatalog.defaults().spec("gpt-4o")))
            .getAsJsonObject();
    JsonObject format = body.getAsJsonObject("response_format");
    assertEquals("json_schema", format.get("type").getAsString());
    assertTrue(format.getAsJsonObject("json_schema").get("strict").getAsBoolean());
    JsonObject schema = format.getAsJsonObject("json_schema").getAsJsonObject("schema");
    assertEquals(
        "object", schema.get("type").getAsString(), "strict mode: an object at the top level");
    assertFalse(schema.get("additionalProperties").getAsBoolean());
    assertEquals(
        6,
        schema
            .getAsJsonObject("properties")
            .getAsJsonObject("tasks")
            .getAsJsonObject("items")
            .getAsJsonArray("required")
            .size());
    assertFalse(body.has("stop"), "stop sequences could cut the JSON");
    assertNull(
        JsonParser.parseString(
                OpenAiProtocol.requestBody(
                    request.withoutResponseFormat(), ModelCatalog.defaults().spec("gpt-4o")))
            .getAsJsonObject()
            .get("response_format"));

    try (SimulatedLlmServer sim =
        SimulatedLlmServer.start(SimConfig.defaults().withDefectRate(0))) {
      HttpChatClient client =
          HttpChatClient.create(Settings.at(sim.baseUrl()).cacheDir(dir.resolve("cache")).build());
      ChatResponse done = completeAll(client, List.of(request)).get(0);
      client.close();
      assertTrue(StructuredTasks.looksStructured(done.content()), done.content());
      TaskParser.ParseResult parsed = StructuredTasks.parse(done.content(), done.finishReason());
      assertEquals(TASKS, parsed.tasks().size(), "as many tasks as the prompt's list asks for");
      assertTrue(parsed.rejected().isEmpty());
      for (MedTask t : parsed.tasks()) {
        assertFalse(t.instruction().isBlank());
        assertFalse(t.type().isBlank());
        assertTrue(t.difficulty().matches("[1-5]"), t.difficulty());
      }
    }
  }

  @Test
  void givenEndpointRefusingResponseFormat_onlineRequestsGoAsTextWithOneWarningAndEqualTextMode()
      throws Exception {
    List<ChatRequest> structured = generationRequests(8, true);
    List<ChatRequest> text = generationRequests(8, false);
    try (SimulatedLlmServer refusing =
        SimulatedLlmServer.start(SimConfig.defaults().withRefuseResponseFormat(true))) {
      long warningsBefore = StructuredFallback.warnings();
      HttpChatClient fallback =
          HttpChatClient.create(
              Settings.at(refusing.baseUrl()).cacheDir(dir.resolve("fallback")).build());
      List<ChatResponse> fell = new ArrayList<>(completeAll(fallback, structured.subList(0, 1)));
      // After the first refusal the client sends the others as text at once.
      fell.addAll(completeAll(fallback, structured.subList(1, structured.size())));
      fallback.close();
      assertEquals(1, StructuredFallback.warnings() - warningsBefore, "one warning");
      assertEquals(9, refusing.stats().chatRequests(), "one refused request, then 8 text requests");

      HttpChatClient plain =
          HttpChatClient.create(
              Settings.at(refusing.baseUrl()).cacheDir(dir.resolve("text")).build());
      List<ChatResponse> asText = completeAll(plain, text);
      plain.close();
      for (int i = 0; i < text.size(); i++) {
        assertFalse(StructuredTasks.looksStructured(fell.get(i).content()));
        assertEquals(
            asText.get(i).content(), fell.get(i).content(), "the text request's completion");
      }
      assertEquals(1L, (long) refusing.stats().byStatus().getOrDefault(400, 0L), "refused once");
    }
  }

  @Test
  void givenEndpointRefusingResponseFormat_batchLinesGoAgainAsTextAndEqualTextMode()
      throws Exception {
    List<ChatRequest> structured = generationRequests(10, true);
    List<ChatRequest> text = generationRequests(10, false);
    try (SimulatedLlmServer sim =
        SimulatedLlmServer.start(
            SimConfig.defaults().withRefuseResponseFormat(true), new SimBatchConfig(100, 0, 0))) {
      Settings s = Settings.at(sim.baseUrl()).cacheDir(dir.resolve("batch"));
      BatchChatClient batch =
          new BatchChatClient(
              s.build()
                  .withBatch(new BatchSettings(50, BatchSettings.OPENAI_MAX_BYTES, 0, 0.05, 0.3)),
              null);
      List<ChatResponse> fell = completeAll(batch, structured);
      batch.close();
      HttpChatClient plain =
          HttpChatClient.create(Settings.at(sim.baseUrl()).cacheDir(dir.resolve("text")).build());
      List<ChatResponse> asText = completeAll(plain, text);
      plain.close();
      for (int i = 0; i < text.size(); i++) {
        assertEquals(
            asText.get(i).content(), fell.get(i).content(), "the text request's completion");
      }
      assertEquals(2, sim.batchApi().batchesCreated(), "the refused batch, then one batch as text");
      assertTrue(sim.batchApi().customIdSubmissions().values().stream().allMatch(n -> n == 2));
    }
  }
}
