package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medinstruct.llm.ScriptedServer.error;

import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The total request deadline, the body-size backstop and the journal scope, on a real socket. */
class RequestLimitsTest {
  private ScriptedServer server;
  private final FakeTime time = new FakeTime();
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static LlmException failure(Runnable r) {
    CompletionException e = assertThrows(CompletionException.class, r::run);
    return assertInstanceOf(LlmException.class, e.getCause());
  }

  @Test
  void givenPersistent500AndManyRetries_requestStopsAtItsTotalDeadline() {
    server.respondWith(r -> error(500, "server_error", "still broken"));
    Settings s =
        Settings.at(server.baseUrl())
            .maxRetries(50)
            .safeguards(new Safeguards(20, Safeguards.JournalScope.ENDPOINT));
    HttpChatClient c = Fixtures.client(s.build(), null, time);

    LlmException e = failure(() -> c.complete(Fixtures.request("x")).join());

    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains("request deadline of 20 s"), e.getMessage());
    long slept = time.sleeps.stream().mapToLong(Long::longValue).sum();
    assertTrue(slept < 20_000, "slept " + slept + " ms past a 20 s deadline");
    assertTrue(
        server.received().size() < 51,
        "stopped long before 50 retries: " + server.received().size());
    assertEquals(server.received().size(), e.attempts());
  }

  @Test
  void givenBodyOverTheBackstop_failsWithoutSendingOrRetrying() {
    String huge = "x".repeat(RequestDeadline.MAX_BODY_BYTES + 10);
    HttpChatClient c = Fixtures.client(Settings.at(server.baseUrl()).build(), null, time);

    LlmException e = failure(() -> c.complete(Fixtures.request(huge)).join());

    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("not sent"), e.getMessage());
    assertEquals(0, server.received().size());
  }

  @Test
  void givenModelScope_aJournaledCompletionIsReusedBehindAnotherPort() throws Exception {
    Safeguards model = new Safeguards(0, Safeguards.JournalScope.MODEL);
    HttpChatClient first =
        Fixtures.client(
            Settings.at(server.baseUrl()).cacheDir(dir).safeguards(model).build(), null, time);
    first.complete(Fixtures.request("asthma")).join();
    first.close();
    try (ScriptedServer other = new ScriptedServer()) {
      HttpChatClient second =
          Fixtures.client(
              Settings.at(other.baseUrl()).cacheDir(dir).safeguards(model).build(), null, time);
      assertTrue(second.complete(Fixtures.request("asthma")).join().fromCache());
      second.close();
      assertEquals(0, other.received().size());

      HttpChatClient endpointScoped =
          Fixtures.client(Settings.at(other.baseUrl()).cacheDir(dir).build(), null, time);
      assertFalse(endpointScoped.complete(Fixtures.request("asthma")).join().fromCache());
      endpointScoped.close();
      assertEquals(1, other.received().size());
    }
  }

  @Test
  void journalKeys_differByEndpointOnlyInEndpointScope() {
    LlmSettings a = Settings.at("http://127.0.0.1:1/v1").build();
    LlmSettings b = Settings.at("http://127.0.0.1:2/v1").build();
    assertNotEquals(a.journalEndpoint(), b.journalEndpoint());
    Safeguards model = new Safeguards(0, Safeguards.JournalScope.MODEL);
    assertEquals(
        a.withSafeguards(model).journalEndpoint(), b.withSafeguards(model).journalEndpoint());
    assertEquals(Safeguards.JournalScope.MODEL, Safeguards.JournalScope.parse("Model"));
    assertThrows(IllegalArgumentException.class, () -> Safeguards.JournalScope.parse("proxy"));
  }

  @Test
  void
      givenEndpointRefusingEveryConnection_requestStopsOnceItIsDeadInsteadOfSleepingThroughEveryRetry() {
    String url = server.baseUrl();
    server.close(); // the port now refuses connections
    // 20 retries: their full-jitter back-offs add up past the 15 s mark in practically every draw
    // (8 retries could sum to less, and the request then gave up before the endpoint was dead).
    HttpChatClient c = Fixtures.client(Settings.at(url).maxRetries(20).build(), null, time);

    LlmException e = failure(() -> c.complete(Fixtures.request("x")).join());

    assertEquals(org.medinstruct.model.FailureKind.UNREACHABLE, e.kind());
    assertTrue(e.getMessage().contains("the endpoint is down"), e.getMessage());
    assertTrue(e.attempts() < 21, "gave up before all 21 attempts: " + e.attempts());
    long slept = time.sleeps.stream().mapToLong(Long::longValue).sum();
    // At least the 15 s of refused connections, at most one more back-off (full jitter, up to
    // RetryPolicy.MAX_MILLIS) past it: far from the 20 back-offs every retry would sleep through.
    assertTrue(
        slept >= DeadEndpoint.DEAD_AFTER_SECONDS * 1000L
            && slept <= DeadEndpoint.DEAD_AFTER_SECONDS * 1000L + RetryPolicy.MAX_MILLIS,
        "slept " + slept);
  }
}
