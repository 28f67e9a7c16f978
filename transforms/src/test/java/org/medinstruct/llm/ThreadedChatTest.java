package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The thread pool layer alone, over fake calls. */
class ThreadedChatTest {
  @Test
  void givenACallThatThrowsAnError_theFutureStillCompletes() {
    ThreadedChat chat =
        new ThreadedChat(
            r -> {
              throw new AssertionError("bug");
            },
            2);
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> chat.complete(Fixtures.request("p")).get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof LlmException);
    chat.close();
  }

  @Test
  void runsAtMostItsThreadsAtOnce() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ThreadedChat chat =
        new ThreadedChat(
            r -> {
              most.accumulateAndGet(now.incrementAndGet(), Math::max);
              go.await(5, TimeUnit.SECONDS);
              now.decrementAndGet();
              return new ChatResponse("ok", "stop", 1, 1, 1, false);
            },
            3);
    var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<ChatResponse>>();
    for (int i = 0; i < 10; i++) {
      futures.add(chat.complete(Fixtures.request("p" + i)));
    }
    Thread.sleep(300);
    go.countDown();
    for (var f : futures) {
      assertEquals("ok", f.get(5, TimeUnit.SECONDS).content());
    }
    assertEquals(3, most.get());
    chat.close();
  }

  @Test
  void givenAClosedClient_failsNewRequestsAtOnce() {
    ThreadedChat chat = new ThreadedChat(r -> null, 1);
    chat.close();
    assertTrue(chat.complete(Fixtures.request("p")).isCompletedExceptionally());
  }
}
