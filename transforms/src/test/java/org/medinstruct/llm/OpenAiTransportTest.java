package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transport layer alone, over a fake {@link LlmHttp}. */
class OpenAiTransportTest {
  private static final String COMPLETION =
      "{\"choices\":[{\"message\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3}}";

  private final FakeTime time = new FakeTime();
  private final List<Integer> timeouts = new ArrayList<>();

  private Exchange.Attempt attempt(int number) {
    ChatRequest r = Fixtures.request("p");
    return new Exchange.Attempt(
        r, "{}", number, RequestDeadline.start(time, Safeguards.defaults(), 42));
  }

  private OpenAiTransport transport(int status, String body) {
    LlmHttp http =
        (url, headers, json, timeout) -> {
          timeouts.add(timeout);
          return new LlmHttp.Response(status, Map.of(), body);
        };
    return new OpenAiTransport("http://127.0.0.1:1/v1/chat/completions", Map.of(), http);
  }

  @Test
  void givenA200_parsesTheCompletionWithTheAttemptNumber() throws Exception {
    Exchange.Reply reply = transport(200, COMPLETION).send(attempt(3));
    assertEquals("hi", reply.completion().content());
    assertEquals(3, reply.completion().attempts());
    assertEquals(7, reply.completion().promptTokens());
    assertEquals(List.of(42), timeouts, "the attempt's timeout comes from the deadline");
  }

  @Test
  void givenA200WithoutChoices_repliesMalformedWithoutACompletion() throws Exception {
    Exchange.Reply reply = transport(200, "{\"nothing\":1}").send(attempt(1));
    assertNull(reply.completion());
    assertEquals(200, reply.status());
    assertEquals(true, reply.malformed() != null);
  }

  @Test
  void givenAnErrorStatus_passesTheResponseOnUnread() throws Exception {
    Exchange.Reply reply = transport(503, "busy").send(attempt(1));
    assertNull(reply.completion());
    assertNull(reply.malformed());
    assertEquals(503, reply.status());
    assertEquals("busy", reply.response().body());
  }

  @Test
  void countsEverySentAttemptAndEveryRetry() throws Exception {
    OpenAiTransport t = transport(500, "");
    t.send(attempt(1));
    t.send(attempt(2));
    t.send(attempt(3));
    Map<String, Long> counters = new HashMap<>();
    t.drainCounters(counters);
    assertEquals(Map.of("requests", 3L, "retries", 2L), counters);
    t.drainCounters(counters);
    assertEquals(Map.of("requests", 0L, "retries", 0L), counters, "each unit handed out once");
  }

  @Test
  void givenNoResponse_throwsTheIoErrorAndStillCountsTheAttempt() {
    LlmHttp refused =
        (url, headers, json, timeout) -> {
          throw new ConnectException("refused");
        };
    OpenAiTransport t = new OpenAiTransport("http://127.0.0.1:1/v1", Map.of(), refused);
    assertThrows(IOException.class, () -> t.send(attempt(1)));
    Map<String, Long> counters = new HashMap<>();
    t.drainCounters(counters);
    assertEquals(1L, counters.get("requests"));
  }
}
