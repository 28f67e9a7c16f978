package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.model.UserInputException;

/** Request bodies per model family, as they arrive at a real loopback socket. */
class ModelParametersTest {
  @TempDir Path dir;
  private ScriptedServer server;
  private final FakeTime time = new FakeTime();

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static ChatRequest request(String model) {
    return new ChatRequest(
        "responses",
        "responses:1",
        "tv",
        model,
        List.of(ChatMessage.user("What is a normal adult resting heart rate?")),
        0.7,
        0.9,
        0.5,
        300,
        List.of("###"),
        null);
  }

  private JsonObject bodyFor(String model, Settings s) {
    Fixtures.client(s.build(), null, time).complete(request(model)).join();
    List<ScriptedServer.Received> received = server.received();
    return received.get(received.size() - 1).json();
  }

  private JsonObject bodyFor(String model) {
    return bodyFor(model, Settings.at(server.baseUrl()));
  }

  private static void assertReasoningBody(JsonObject body) {
    assertEquals(
        300 + 4000,
        body.get("max_completion_tokens").getAsInt(),
        "stage limit plus reasoning room");
    for (String absent :
        List.of(
            "max_tokens", "temperature", "top_p", "presence_penalty", "stop", "reasoning_effort")) {
      assertFalse(body.has(absent), absent + " must not be sent: " + body);
    }
  }

  @Test
  void givenO3Mini_sendsMaxCompletionTokensWithReasoningRoomAndNoSamplingParameters() {
    assertReasoningBody(bodyFor("o3-mini"));
  }

  @Test
  void givenGpt5Mini_andADatedVariant_sendMaxCompletionTokensAndNoSamplingParameters() {
    assertReasoningBody(bodyFor("gpt-5-mini"));
    assertReasoningBody(bodyFor("gpt-5-mini-2025-08-07"));
  }

  @Test
  void givenGpt4oMini_keepsTodaysSamplingParameters() {
    JsonObject body = bodyFor("gpt-4o-mini");

    assertEquals(300, body.get("max_tokens").getAsInt());
    assertEquals(0.7, body.get("temperature").getAsDouble());
    assertEquals(0.9, body.get("top_p").getAsDouble());
    assertEquals(0.5, body.get("presence_penalty").getAsDouble());
    assertEquals("###", body.getAsJsonArray("stop").get(0).getAsString());
    assertFalse(body.has("max_completion_tokens"));
  }

  @Test
  void givenUnknownModel_sendsOnlyTheTokenLimitAndStop() {
    JsonObject body = bodyFor("my-local-llama");

    assertEquals(300, body.get("max_tokens").getAsInt());
    assertEquals("###", body.getAsJsonArray("stop").get(0).getAsString());
    for (String absent : List.of("temperature", "top_p", "presence_penalty")) {
      assertFalse(body.has(absent), absent);
    }
  }

  @Test
  void givenModelsFile_setsReasoningEffortAndOverridesOneFieldOnly() throws Exception {
    Path models =
        Files.writeString(
            dir.resolve("models.json"),
            "{\"o3-mini\": {\"reasoning_effort\": \"low\", \"reasoning_tokens\": 1000},"
                + " \"my-local-llama\": {\"sampling\": [\"temperature\", \"top_p\","
                + " \"presence_penalty\", \"stop\"]}}");
    Settings s = Settings.at(server.baseUrl()).models(models);

    JsonObject o3 = bodyFor("o3-mini", s);
    assertEquals("low", o3.get("reasoning_effort").getAsString());
    assertEquals(1300, o3.get("max_completion_tokens").getAsInt());
    assertFalse(
        o3.has("temperature"), "token_limit and sampling still come from the shipped entry");
    JsonObject local = bodyFor("my-local-llama", s);
    assertEquals(0.7, local.get("temperature").getAsDouble());
    assertEquals(300, local.get("max_tokens").getAsInt());
  }

  @Test
  void catalog_givesContextWindowAndBatchPricesHalfOfOnlineUnlessTheFileSays() throws Exception {
    ModelCatalog defaults = ModelCatalog.defaults();
    assertEquals(128000, defaults.contextWindow("gpt-4o-mini-2024-07-18"));
    assertEquals(8192, defaults.contextWindow("gpt-4"));
    assertEquals(0, defaults.contextWindow("my-local-llama"));
    assertEquals(new Prices.Price(0.075, 0.3), defaults.spec("gpt-4o-mini").batch());

    Path models =
        Files.writeString(
            dir.resolve("m.json"),
            "{\"gpt-4o-mini\": {\"batch_prompt\": 0.1, \"batch_completion\": 0.2}}");
    Prices p = Prices.of(ModelCatalog.load(models.toString(), null, null));
    assertEquals(new Prices.Price(0.1, 0.2), p.priceOf("gpt-4o-mini", true));
    assertEquals(new Prices.Price(0.15, 0.6), p.priceOf("gpt-4o-mini", false));
  }

  @Test
  void givenModelsFileWithUnknownField_namesFileModelAndField() throws Exception {
    Path models = Files.writeString(dir.resolve("typo.json"), "{\"o3-mini\": {\"max_tokens\": 5}}");

    UserInputException e =
        assertThrows(
            UserInputException.class, () -> ModelCatalog.load(models.toString(), null, null));
    assertTrue(
        e.getMessage().contains("typo.json")
            && e.getMessage().contains("o3-mini")
            && e.getMessage().contains("max_tokens"),
        e.getMessage());
  }

  @Test
  void givenBudgetAndUnpricedModel_refusesBeforeSendingAnything() {
    Settings s = Settings.at(server.baseUrl()).budget(5, null);

    UserInputException refused =
        assertThrows(
            UserInputException.class,
            () ->
                Prices.of(s.build().catalog())
                    .requirePriced(5, "gpt-4o-mini", "some-unpriced-model"));
    assertTrue(
        refused.getMessage().contains("some-unpriced-model")
            && refused.getMessage().contains("--modelsFile"),
        refused.getMessage());
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () ->
                Fixtures.client(s.build(), null, time)
                    .complete(request("some-unpriced-model"))
                    .join());
    LlmException failed = assertInstanceOf(LlmException.class, e.getCause());
    assertFalse(failed.retryable());
    assertEquals(0, server.received().size(), "nothing is sent for a budget that cannot hold");
  }
}
