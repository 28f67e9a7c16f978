package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.model.UserInputException;

/**
 * Azure OpenAI: a deployment URL, api-version, the api-key header and deployment-to-family mapping.
 */
class AzureEndpointTest {
  @TempDir Path dir;
  private final FakeTime time = new FakeTime();

  @Test
  void givenAzureDeploymentUrl_sendsApiVersionAndApiKeyAndTheMappedFamilysParameters()
      throws Exception {
    try (ScriptedServer server = new ScriptedServer("/openai/deployments/med-o3")) {
      Path key = Files.writeString(dir.resolve("key"), "azure-secret-123\n");
      Settings s = Settings.at(server.baseUrl()).keyFile(key).azure("2024-10-21", "med-o3=o3-mini");
      s.budget(5, null);
      HttpChatClient client =
          new HttpChatClient(s.build(), "azure-secret-123", new PooledLlmHttp(), time, time, time);

      ChatRequest request =
          new ChatRequest(
              "responses",
              "responses:1",
              "tv",
              "med-o3",
              List.of(ChatMessage.user("hi")),
              1.0,
              1.0,
              0.0,
              300,
              List.of(),
              null);
      client.complete(request).join();

      ScriptedServer.Received r = server.received().get(0);
      assertEquals("/openai/deployments/med-o3/chat/completions", r.path());
      assertEquals("api-version=2024-10-21", r.query());
      assertEquals("azure-secret-123", r.header("api-key"));
      assertNull(r.header("Authorization"), "the key travels once, in the header Azure expects");
      assertEquals(
          4300, r.json().get("max_completion_tokens").getAsInt(), "o3-mini family parameters");
      assertFalse(r.json().has("temperature"));
      assertTrue(client.spentUsd() > 0, "priced as o3-mini, so the budget holds");
    }
  }

  @Test
  void givenDeploymentMappedToUnknownFamily_isABadOption() {
    UserInputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            UserInputException.class, () -> ModelCatalog.load(null, null, "prod=gtp-4o"));
    assertTrue(
        e.getMessage().contains("--llmDeployments") && e.getMessage().contains("gtp-4o"),
        e.getMessage());
  }
}
