package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Runs index ranges [0, n) in small chunks on a few threads, one worker object per thread. */
final class Parallel {
  private Parallel() {}

  interface Worker {
    void process(int index);
  }

  static <W extends Worker> List<W> forEach(int n, int threads, Supplier<W> workers) {
    int t = Math.max(1, Math.min(threads, (n + 255) / 256));
    List<W> created = new ArrayList<>();
    for (int k = 0; k < t; k++) {
      created.add(workers.get());
    }
    AtomicInteger next = new AtomicInteger();
    int chunk = 64;
    if (t == 1) {
      for (int i = 0; i < n; i++) {
        created.get(0).process(i);
      }
      return created;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            t,
            r -> {
              Thread thread = new Thread(r, "dedup-worker");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (W worker : created) {
        futures.add(
            pool.submit(
                () -> {
                  for (int start = next.getAndAdd(chunk);
                      start < n;
                      start = next.getAndAdd(chunk)) {
                    for (int i = start; i < Math.min(n, start + chunk); i++) {
                      worker.process(i);
                    }
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("dedup interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
    return created;
  }
}
