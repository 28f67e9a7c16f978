package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medinstruct.model.UserInputException;

/** The per-connection check, against a real loopback socket and a fake resolver. */
class LoopbackPinnedHttpTest {
  private ScriptedServer server;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void givenDnsChangeAfterStartup_nextRequestIsRefusedAndNeverSent() throws Exception {
    LoopbackGuardTest.FakeResolver dns =
        new LoopbackGuardTest.FakeResolver().map("localhost", "127.0.0.1");
    int port = Integer.parseInt(server.baseUrl().replaceAll(".*:(\\d+)/v1", "$1"));
    String url = "http://localhost:" + port + "/v1/chat/completions";
    LlmHttp http =
        LoopbackPinnedHttp.wrapIfNeeded(
            new PooledLlmHttp(), url, true, false, new LoopbackGuard(dns));
    String body =
        OpenAiProtocol.requestBody(
            Fixtures.request("first"), ModelCatalog.defaults().spec("gpt-4"));

    assertEquals(200, http.post(url, Map.of(), body, 5).status());
    assertEquals(1, server.received().size());

    dns.map("localhost", "127.0.0.1", "203.0.113.9"); // the name now also points off the machine
    assertThrows(UserInputException.class, () -> http.post(url, Map.of(), body, 5));
    assertEquals(1, server.received().size(), "no second request may arrive");
  }

  @Test
  void givenNoKeyOrHttps_requestsAreNotWrapped() {
    LlmHttp raw = new PooledLlmHttp();
    LoopbackGuard guard = new LoopbackGuard(new LoopbackGuardTest.FakeResolver());
    assertSame(
        raw, LoopbackPinnedHttp.wrapIfNeeded(raw, "http://localhost:1/v1", false, false, guard));
    assertSame(
        raw,
        LoopbackPinnedHttp.wrapIfNeeded(raw, "https://api.example.com/v1", true, false, guard));
  }
}
