package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medinstruct.llm.ScriptedServer.drop;
import static org.medinstruct.llm.ScriptedServer.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pooled connections, and a POST that is never re-sent below the project's retry layer: the
 * endpoint reads the request on a reused connection and then drops it.
 */
class KeepAliveTest {
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

  private static ChatRequest request(String prompt) {
    return new ChatRequest(
        "responses",
        "responses:" + prompt,
        "tv",
        "test-model",
        List.of(ChatMessage.user(prompt)),
        0,
        1,
        0,
        100,
        List.of(),
        null);
  }

  private Settings settings() throws Exception {
    // 10 USD per 1M completion tokens: a 100-token completion costs 0.001 USD.
    Path prices =
        Files.writeString(
            dir.resolve("prices.json"), "{\"test-model\": {\"prompt\": 0, \"completion\": 10}}");
    Settings s =
        Settings.at(server.baseUrl()).cacheDir(dir.resolve("journal")).budget(1, prices.toString());
    s.maxInFlight = 1;
    return s;
  }

  @Test
  void sequentialRequests_reuseOneConnection() throws Exception {
    server.respondWith(r -> ok("done", 1, 100));
    HttpChatClient c = Fixtures.client(settings().build(), null, time);
    for (int i = 0; i < 5; i++) {
      c.complete(request("q" + i)).join();
    }
    assertEquals(5, server.received().size());
    assertEquals(
        1,
        server.received().stream().map(ScriptedServer.Received::remote).distinct().count(),
        "one pooled connection, not one per request");
  }

  @Test
  void givenDropAfterRequestRead_withoutRetries_theEndpointSeesTheRequestOnce() throws Exception {
    server.respondWith(r -> ok("done", 1, 100));
    HttpChatClient c = Fixtures.client(settings().maxRetries(0).build(), null, time);
    c.complete(request("warm")).join();
    server.enqueue(drop());

    CompletionException e =
        assertThrows(CompletionException.class, () -> c.complete(request("q")).join());

    LlmException failed = assertInstanceOf(LlmException.class, e.getCause());
    assertTrue(failed.retryable());
    assertEquals(1, failed.attempts());
    assertEquals(
        2, server.received().size(), "no hidden re-send of the POST on the pooled connection");
    assertEquals(0.001, c.spentUsd(), 1e-12, "only the warm-up completion is in the ledger");
  }

  @Test
  void givenDropAfterRequestRead_theProjectRetryResendsOnceAndTheLedgerCountsOneCompletion()
      throws Exception {
    server.respondWith(r -> ok("done", 1, 100));
    HttpChatClient c = Fixtures.client(settings().maxRetries(3).build(), null, time);
    c.complete(request("warm")).join();
    server.enqueue(drop());

    ChatResponse r = c.complete(request("q")).join();

    assertEquals(2, r.attempts(), "one drop, one retry by RetryPolicy");
    assertEquals(1, time.sleeps.size(), "the retry waited the project's backoff");
    assertEquals(3, server.received().size());
    assertEquals(0.002, c.spentUsd(), 1e-12, "warm-up and q, each once");
    assertEquals(1L, c.drainCounters().get("retries"));
  }
}
