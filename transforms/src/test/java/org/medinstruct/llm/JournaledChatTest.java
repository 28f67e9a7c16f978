package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal layer alone, over a fake next client whose futures the test completes. */
class JournaledChatTest {
  @TempDir Path dir;

  /** Records what reaches it; the test completes the futures. */
  private static final class FakeNext implements ChatClient {
    final List<CompletableFuture<ChatResponse>> sent = new ArrayList<>();

    @Override
    public CompletableFuture<ChatResponse> complete(ChatRequest request) {
      CompletableFuture<ChatResponse> f = new CompletableFuture<>();
      sent.add(f);
      return f;
    }
  }

  private static final ChatResponse PAID = new ChatResponse("paid", "stop", 3, 4, 1, false);

  private JournaledChat journaled(FakeNext next, Set<String> journaledHere) {
    return new JournaledChat(next, Journal.open(dir.toString()), "endpoint", journaledHere);
  }

  @Test
  void givenIdenticalRequestsInFlight_sendsOnceAndSharesTheFuture() {
    FakeNext next = new FakeNext();
    JournaledChat chat = journaled(next, null);
    CompletableFuture<ChatResponse> a = chat.complete(Fixtures.request("p"));
    CompletableFuture<ChatResponse> b = chat.complete(Fixtures.request("p"));
    assertSame(a, b);
    assertEquals(1, next.sent.size());
  }

  @Test
  void givenAJournaledCompletion_answersFromTheJournalWithoutSending() throws Exception {
    FakeNext next = new FakeNext();
    JournaledChat chat = journaled(next, null);
    CompletableFuture<ChatResponse> first = chat.complete(Fixtures.request("p"));
    next.sent.get(0).complete(PAID);
    assertEquals(PAID, first.get());

    JournaledChat rerun = journaled(next, null);
    ChatResponse again = rerun.complete(Fixtures.request("p")).get();
    assertEquals(1, next.sent.size(), "never paid twice");
    assertTrue(again.fromCache());
    assertEquals(0, again.attempts());
    assertEquals("paid", again.content());
  }

  @Test
  void givenAFailure_journalsNothingAndTheNextRequestIsSentAnew() {
    FakeNext next = new FakeNext();
    JournaledChat chat = journaled(next, null);
    CompletableFuture<ChatResponse> first = chat.complete(Fixtures.request("p"));
    next.sent.get(0).completeExceptionally(new LlmException("HTTP 500", 500, true, 1));
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, first::get);
    assertTrue(e.getCause() instanceof LlmException);
    chat.complete(Fixtures.request("p"));
    assertEquals(2, next.sent.size());
  }

  @Test
  void givenRefreshCache_servesOnlyWhatThisRunJournaled() throws Exception {
    FakeNext next = new FakeNext();
    journaled(next, null).complete(Fixtures.request("p"));
    next.sent.get(0).complete(PAID);

    Set<String> here = ConcurrentHashMap.newKeySet();
    JournaledChat refreshing = journaled(next, here);
    refreshing.complete(Fixtures.request("p"));
    assertEquals(2, next.sent.size(), "an earlier run's completion is requested again");
    next.sent.get(1).complete(PAID);
    assertTrue(refreshing.complete(Fixtures.request("p")).get().fromCache());
    assertEquals(2, next.sent.size());
  }

  @Test
  void givenAnInvalidRequest_failsWithoutSending() {
    FakeNext next = new FakeNext();
    CompletableFuture<ChatResponse> f =
        journaled(next, null)
            .complete(new ChatRequest("s", "k", "t", "gpt-4", null, 1, 1, 0, 10, List.of(), null));
    assertTrue(f.isCompletedExceptionally());
    assertFalse(next.sent.size() > 0);
  }
}
