package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medinstruct.llm.ScriptedServer.contextLength;
import static org.medinstruct.llm.ScriptedServer.drop;
import static org.medinstruct.llm.ScriptedServer.error;
import static org.medinstruct.llm.ScriptedServer.malformed;
import static org.medinstruct.llm.ScriptedServer.ok;
import static org.medinstruct.llm.ScriptedServer.status;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpChatClientRetryTest {
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

  private HttpChatClient client(Settings s) {
    return Fixtures.client(s.build(), null, time);
  }

  private static LlmException failure(Runnable r) {
    CompletionException e = assertThrows(CompletionException.class, r::run);
    return assertInstanceOf(LlmException.class, e.getCause());
  }

  @Test
  void givenCompletion_sendsOpenAiBodyAndParsesContentFinishReasonAndUsage() {
    server.enqueue(ok("1. Type: ...", 123, 456));
    ChatResponse r =
        client(Settings.at(server.baseUrl())).complete(Fixtures.request("hello")).join();

    assertEquals("1. Type: ...", r.content());
    assertEquals("stop", r.finishReason());
    assertEquals(123, r.promptTokens());
    assertEquals(456, r.completionTokens());
    assertEquals(1, r.attempts());
    assertFalse(r.fromCache());
    var body = server.received().get(0).json();
    assertEquals("gpt-4", body.get("model").getAsString());
    assertEquals(1000, body.get("max_tokens").getAsInt());
    assertEquals(1.0, body.get("temperature").getAsDouble());
    assertEquals(1.0, body.get("top_p").getAsDouble());
    assertEquals(0.0, body.get("presence_penalty").getAsDouble());
    assertEquals("20.", body.getAsJsonArray("stop").get(0).getAsString());
    assertEquals("hello", server.received().get(0).lastMessage());
    assertNull(server.received().get(0).header("Authorization"), "no key, no Authorization header");
  }

  static Stream<Arguments> retryableFailures() {
    return Stream.of(
        Arguments.of("429", error(429, "rate_limit_exceeded", "slow down"), 429),
        Arguments.of("408", error(408, "timeout", "timeout"), 408),
        Arguments.of("409", error(409, "conflict", "conflict"), 409),
        Arguments.of("500", error(500, "server_error", "oops"), 500),
        Arguments.of("503", status(503, "<html>overloaded</html>"), 503),
        Arguments.of("dropped connection", drop(), 0),
        Arguments.of("malformed JSON", malformed(), 200));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("retryableFailures")
  void givenRetryableFailureThenSuccess_retriesOnceAndSucceeds(
      String name, ScriptedServer.Reply failure, int status) {
    server.enqueue(failure, ok("fine", 1, 1));
    ChatResponse r = client(Settings.at(server.baseUrl())).complete(Fixtures.request("x")).join();

    assertEquals("fine", r.content());
    assertEquals(2, r.attempts());
    assertEquals(2, server.received().size());
    assertEquals(1, time.sleeps.size(), "one backoff between the attempts");
    assertTrue(
        time.sleeps.get(0) <= RetryPolicy.INITIAL_MILLIS,
        "first full-jitter wait is within the first cap");
  }

  @Test
  void given429WithRetryAfterSeconds_waitsExactlyThatLong() {
    server.enqueue(
        error(429, "rate_limit_exceeded", "slow down", "Retry-After", "7"), ok("fine", 1, 1));
    client(Settings.at(server.baseUrl())).complete(Fixtures.request("x")).join();

    assertEquals(List.of(7000L), time.sleeps);
  }

  @Test
  void given503WithRetryAfterHttpDate_waitsUntilThatDate() {
    // FakeTime's wall clock starts at 1_700_000_000_000 ms = Tue, 14 Nov 2023 22:13:20 GMT.
    server.enqueue(
        status(503, "busy", "Retry-After", "Tue, 14 Nov 2023 22:13:32 GMT"), ok("fine", 1, 1));
    client(Settings.at(server.baseUrl())).complete(Fixtures.request("x")).join();

    assertEquals(List.of(12_000L), time.sleeps);
  }

  @Test
  void givenPersistent500_failsAfterMaxRetriesWithLastError() {
    server.respondWith(r -> error(500, "server_error", "still broken"));
    HttpChatClient c = client(Settings.at(server.baseUrl()).maxRetries(2));

    LlmException e = failure(() -> c.complete(Fixtures.request("x")).join());

    assertEquals(500, e.status());
    assertTrue(e.retryable());
    assertEquals(3, e.attempts());
    assertTrue(e.getMessage().contains("still broken"), e.getMessage());
    assertEquals(3, server.received().size());
    assertEquals(2, time.sleeps.size());
  }

  @Test
  void givenContextLengthError_retriesWithMaxTokensReducedByFifth() {
    server.enqueue(contextLength(), contextLength(), ok("short", 1, 1));
    ChatResponse r = client(Settings.at(server.baseUrl())).complete(Fixtures.request("x")).join();

    assertEquals("short", r.content());
    var sent = server.received().stream().map(q -> q.json().get("max_tokens").getAsInt()).toList();
    assertEquals(List.of(1000, 800, 640), sent);
  }

  @Test
  void givenOther4xx_failsAtOnceWithoutRetry() {
    server.enqueue(error(404, "model_not_found", "The model `gpt-5` does not exist"));
    HttpChatClient c = client(Settings.at(server.baseUrl()));

    LlmException e = failure(() -> c.complete(Fixtures.request("x")).join());

    assertEquals(404, e.status());
    assertFalse(e.retryable());
    assertEquals(1, e.attempts());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    assertEquals(1, server.received().size());
    assertTrue(time.sleeps.isEmpty());
  }

  @Test
  void given401_failsAtOnceWithAuthenticationMessage() {
    server.enqueue(error(401, "invalid_api_key", "Incorrect API key provided"));
    HttpChatClient c = client(Settings.at(server.baseUrl()));

    LlmException e = failure(() -> c.complete(Fixtures.request("x")).join());

    assertEquals(401, e.status());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().startsWith("authentication failed (HTTP 401)"), e.getMessage());
    assertEquals(1, server.received().size());
  }

  @Test
  void givenIdenticalRequestsInFlight_sendsOneRequest() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.enqueue(ScriptedServer.after(release, ok("once", 1, 1)));
    HttpChatClient c = client(Settings.at(server.baseUrl()));

    var first = c.complete(Fixtures.request("same"));
    var second = c.complete(Fixtures.request("same"));
    release.countDown();

    assertEquals("once", first.join().content());
    assertEquals("once", second.join().content());
    assertEquals(1, server.received().size());
  }

  @Test
  void givenResponseSlowerThanTimeout_retriesAndSucceeds() {
    CountDownLatch never = new CountDownLatch(1);
    server.enqueue(ScriptedServer.after(never, ok("too late", 1, 1)), ok("in time", 1, 1));
    Settings s = Settings.at(server.baseUrl());
    s.timeoutSeconds = 1;

    ChatResponse r = client(s).complete(Fixtures.request("x")).join();
    never.countDown();

    assertEquals("in time", r.content());
    assertEquals(2, r.attempts());
  }

  @Test
  void givenInvalidRequest_failsWithoutSending() {
    HttpChatClient c = client(Settings.at(server.baseUrl()));
    ChatRequest noMessages =
        new ChatRequest("s", "k", "t", "gpt-4", null, 1, 1, 0, 10, List.of(), null);

    LlmException e = failure(() -> c.complete(noMessages).join());

    assertFalse(e.retryable());
    assertTrue(server.received().isEmpty());
  }
}
