package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medinstruct.model.FailureKind;

/** The retry layer alone, over a scripted next layer (no HTTP, no real sleeping). */
class RetryingChatTest {
  private static final String URL = "http://127.0.0.1:1/v1/chat/completions";
  private final FakeTime time = new FakeTime();
  private final List<Exchange.Attempt> attempts = new ArrayList<>();

  /** A next layer that plays replies in order; a null reply means no response (I/O error). */
  private Exchange script(Exchange.Reply... replies) {
    Deque<Exchange.Reply> left = new ArrayDeque<>();
    for (Exchange.Reply r : replies) {
      left.add(r == null ? NO_RESPONSE : r);
    }
    return a -> {
      attempts.add(a);
      Exchange.Reply r = left.isEmpty() ? NO_RESPONSE : left.poll();
      if (r == NO_RESPONSE) {
        throw new ConnectException("Connection refused");
      }
      return r;
    };
  }

  private static final Exchange.Reply NO_RESPONSE = Exchange.Reply.of(null, null, null);

  private static Exchange.Reply status(int status, String body) {
    return Exchange.Reply.of(new LlmHttp.Response(status, Map.of(), body), null, null);
  }

  private static Exchange.Reply ok(int attempt) {
    return Exchange.Reply.of(
        new LlmHttp.Response(200, Map.of(), ""),
        new ChatResponse("done", "stop", 1, 1, attempt, false),
        null);
  }

  private RetryingChat retrying(Exchange next, int maxRetries) {
    return new RetryingChat(
        next,
        new AttemptFailure(URL, "sk-secret-key-123", "env X", new StructuredFallback(URL)),
        Prices.defaults().catalog(),
        new RetryPolicy(maxRetries, time),
        () -> RequestDeadline.start(time, Safeguards.defaults(), 60),
        time,
        new SystemicStop(null, null, true, URL, "env X", time::currentTimeMillis),
        new DeadEndpoint(time));
  }

  @Test
  void givenServerErrorsThenACompletion_retriesAfterBackoffAndReturnsIt() throws Exception {
    ChatResponse r =
        retrying(script(status(500, "{}"), status(503, "{}"), ok(3)), 8)
            .call(Fixtures.request("p"));
    assertEquals("done", r.content());
    assertEquals(List.of(1, 2, 3), attempts.stream().map(Exchange.Attempt::number).toList());
    assertEquals(2, time.sleeps.size(), "one backoff sleep before each retry");
  }

  @Test
  void givenABadRequest_failsAtOnceWithTheStatusKind() {
    LlmException e =
        assertThrows(
            LlmException.class,
            () -> retrying(script(status(400, "{}")), 8).call(Fixtures.request("p")));
    assertEquals(400, e.status());
    assertFalse(e.retryable());
    assertEquals(1, e.attempts());
    assertTrue(time.sleeps.isEmpty());
  }

  @Test
  void givenErrorsPastMaxRetries_givesUpRetryable() {
    LlmException e =
        assertThrows(
            LlmException.class,
            () ->
                retrying(script(status(500, "{}"), status(500, "{}"), status(500, "{}")), 2)
                    .call(Fixtures.request("p")));
    assertTrue(e.getMessage().endsWith("(gave up after 3 attempts)"), e.getMessage());
    assertTrue(e.retryable());
    assertEquals(3, attempts.size());
  }

  @Test
  void givenAContextLengthError_sendsAgainAtOnceWithFewerMaxTokens() throws Exception {
    String tooLong = "{\"error\":{\"code\":\"context_length_exceeded\",\"message\":\"too long\"}}";
    retrying(script(status(400, tooLong), ok(2)), 8).call(Fixtures.request("p"));
    assertEquals(1000, attempts.get(0).request().maxTokens());
    assertEquals(800, attempts.get(1).request().maxTokens());
    assertTrue(time.sleeps.isEmpty(), "no backoff before the cut request");
  }

  @Test
  void givenARefusedResponseFormat_sendsAgainAtOnceAsPlainText() throws Exception {
    String refused =
        "{\"error\":{\"param\":\"response_format\",\"message\":\"response_format unsupported\"}}";
    ChatRequest structured = Fixtures.request("p").withResponseFormat("{\"type\":\"json_object\"}");
    retrying(script(status(400, refused), ok(2)), 8).call(structured);
    assertTrue(attempts.get(0).body().contains("response_format"));
    assertFalse(attempts.get(1).body().contains("response_format"));
  }

  @Test
  void givenConnectionsRefusedLongEnough_givesUpAsUnreachable() {
    // Each backoff sleep moves the fake clock; after 15 s of refusals the endpoint is dead.
    LlmException e =
        assertThrows(
            LlmException.class, () -> retrying(script(), 1000).call(Fixtures.request("p")));
    assertEquals(FailureKind.UNREACHABLE, e.kind());
    assertTrue(e.getMessage().startsWith("no response from " + URL), e.getMessage());
  }

  @Test
  void givenAnErrorEchoingTheKey_theMessageNeverContainsIt() {
    String echo = "{\"error\":{\"message\":\"bad key sk-secret-key-123\"}}";
    LlmException e =
        assertThrows(
            LlmException.class,
            () -> retrying(script(status(400, echo)), 8).call(Fixtures.request("p")));
    assertFalse(e.getMessage().contains("sk-secret-key-123"), e.getMessage());
  }

  @Test
  void givenAnIoErrorThenACompletion_returnsIt() throws Exception {
    Exchange flaky =
        new Exchange() {
          int n;

          @Override
          public Reply send(Attempt a) throws IOException {
            attempts.add(a);
            if (++n == 1) {
              throw new IOException("reset");
            }
            return ok(a.number());
          }
        };
    assertEquals(2, retrying(flaky, 8).call(Fixtures.request("p")).attempts());
  }
}
