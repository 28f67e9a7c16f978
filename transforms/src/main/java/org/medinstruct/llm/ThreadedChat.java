package org.medinstruct.llm;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs blocking {@link ChatCall}s on a bounded pool and hands out futures: at most {@code threads}
 * daemon threads, started on demand and ended after 30 s idle; further requests queue. Every future
 * completes, with the completion or an {@link LlmException}. {@link #close} stops the pool.
 */
final class ThreadedChat implements ChatClient {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ChatCall next;
  private final ExecutorService executor;

  ThreadedChat(ChatCall next, int threads) {
    this.next = next;
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "llm-client-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    this.executor = pool;
  }

  @Override
  public CompletableFuture<ChatResponse> complete(ChatRequest request) {
    CompletableFuture<ChatResponse> future = new CompletableFuture<>();
    try {
      executor.execute(() -> run(request, future));
    } catch (RejectedExecutionException closed) {
      future.completeExceptionally(new LlmException("client closed", 0, true, 0));
    }
    return future;
  }

  private void run(ChatRequest request, CompletableFuture<ChatResponse> future) {
    try {
      future.complete(next.call(request));
    } catch (LlmException e) {
      future.completeExceptionally(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.completeExceptionally(new LlmException("interrupted", 0, true, 0));
    } catch (RuntimeException | Error e) {
      future.completeExceptionally(
          new LlmException("unexpected " + e.getClass().getSimpleName(), 0, true, 0));
    }
  }

  /** Lets queued and running requests finish; accepts no new ones. */
  @Override
  public void close() {
    executor.shutdown();
  }
}
