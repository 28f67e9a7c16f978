package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medinstruct.llm.ScriptedServer.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetAndPricesTest {
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

  private Path pricesFile() throws Exception {
    // 10 USD per 1M completion tokens: a 100-token completion costs 0.001 USD.
    return Files.writeString(
        dir.resolve("prices.json"), "{\"test-model\": {\"prompt\": 0, \"completion\": 10}}");
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

  @Test
  void givenBudgetSpent_refusesNewRequestsButKeepsFinishedWork() throws Exception {
    server.respondWith(r -> ok("done", 1, 100));
    Settings s =
        Settings.at(server.baseUrl())
            .cacheDir(dir.resolve("journal"))
            .budget(0.0025, pricesFile().toString());
    HttpChatClient c = Fixtures.client(s.build(), null, time);

    c.complete(request("a")).join();
    c.complete(request("b")).join();
    CompletionException e =
        assertThrows(CompletionException.class, () -> c.complete(request("c")).join());

    LlmException refused = assertInstanceOf(LlmException.class, e.getCause());
    assertTrue(refused.getMessage().startsWith("budget exhausted"), refused.getMessage());
    assertTrue(refused.retryable());
    assertEquals(0, refused.status());
    assertEquals(2, server.received().size());
    assertEquals(0.002, c.spentUsd(), 1e-12);
    assertTrue(c.complete(request("a")).join().fromCache(), "journaled work is still served");
  }

  @Test
  void givenTwoWorkers_eachGetsHalfTheBudget() throws Exception {
    server.respondWith(r -> ok("done", 1, 100));
    Settings s = Settings.at(server.baseUrl()).budget(0.004, pricesFile().toString());
    s.workerCount = 2;
    HttpChatClient c = Fixtures.client(s.build(), null, time);

    c.complete(request("a")).join();
    c.complete(request("b")).join();

    assertThrows(CompletionException.class, () -> c.complete(request("c")).join());
    assertEquals(2, server.received().size());
  }

  @Test
  void givenPricesFile_overridesAndExtendsDefaults() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("p.json"),
            "{\"gpt-4\": {\"prompt\": 1, \"completion\": 2}, \"my-model\": {\"prompt\": 3,"
                + " \"completion\": 4}}");
    Prices p = Prices.load(f.toString());

    assertEquals(new Prices.Price(1, 2), p.priceOf("gpt-4"));
    assertEquals(new Prices.Price(3, 4), p.priceOf("my-model"));
    assertEquals(Prices.defaults().priceOf("gpt-4o-mini"), p.priceOf("gpt-4o-mini"));
    assertEquals(
        Prices.defaults().priceOf("gpt-4o"), p.priceOf("gpt-4o-2024-08-06"), "dated variant");
  }

  @Test
  void givenUnknownModel_costsZero() {
    assertEquals(0.0, Prices.defaults().cost("no-such-model", 1000, 1000));
  }

  @Test
  void givenBadPricesFile_namesFileAndModel() throws Exception {
    Path f = Files.writeString(dir.resolve("bad.json"), "{\"gpt-4\": {\"prompt\": \"x\"}}");
    var e =
        assertThrows(
            org.medinstruct.model.UserInputException.class, () -> Prices.load(f.toString()));
    assertTrue(
        e.getMessage().contains("bad.json") && e.getMessage().contains("gpt-4"), e.getMessage());
  }

  @Test
  void estimateUsd_multipliesRequestsByTokensAndPrice() {
    // gpt-4 list price: 30 USD / 1M prompt, 60 USD / 1M completion.
    assertEquals(
        1000 * (1500 * 30 + 3000 * 60) / 1e6,
        Prices.estimateUsd(Prices.defaults(), "gpt-4", 1000, 1500, 3000),
        1e-9);
  }

  @Test
  void givenCacheHit_costsNothing() throws Exception {
    server.respondWith(r -> ok("done", 1, 100));
    Settings s =
        Settings.at(server.baseUrl()).cacheDir(dir.resolve("j")).budget(1, pricesFile().toString());
    HttpChatClient c = Fixtures.client(s.build(), null, time);
    c.complete(request("a")).join();
    double spent = c.spentUsd();

    c.complete(request("a")).join();

    assertEquals(spent, c.spentUsd());
    assertFalse(spent == 0);
  }
}
