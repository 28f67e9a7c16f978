package org.medinstruct.llm;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.values.KV;
import org.medinstruct.progress.Progress;

/**
 * The requests one DoFn instance has submitted and not yet emitted. Completions are queued by the
 * client's threads and emitted only on the bundle thread (Beam outputs and metrics must be), either
 * as they arrive ({@link #emitReady}), when too many are pending ({@link #awaitBelow}) or at the
 * end ({@link #drain}). Every submitted element is emitted exactly once, as a response or a
 * failure, even when the client throws instead of returning a future.
 */
final class PendingCalls<T> {
  static final String NAMESPACE = "medinstruct";

  /** Where a finished call goes. */
  interface Emitter<T> {
    void response(KV<T, ChatResponse> kv);

    void failure(KV<T, LlmFailure> kv);
  }

  private record Done<T>(T element, ChatRequest request, ChatResponse response, Throwable error) {}

  private final ChatClient client;
  private final Progress progress;
  private final LinkedBlockingQueue<Done<T>> done = new LinkedBlockingQueue<>();
  private final Map<String, Counter> counters = new HashMap<>();
  private int outstanding;

  PendingCalls(ChatClient client) {
    this(client, null);
  }

  /** Counts live progress into the settings' progress directory, when it has one. */
  static <T> PendingCalls<T> withProgress(ChatClient client, LlmSettings settings) {
    return new PendingCalls<>(client, Progress.forDir(settings.progressDir()));
  }

  /** With {@code progress} (may be null), every submission and completion is also counted live. */
  PendingCalls(ChatClient client, Progress progress) {
    this.client = client;
    this.progress = progress;
  }

  void submit(T element, ChatRequest request) {
    CompletableFuture<ChatResponse> future;
    try {
      future = client.complete(request);
      if (future == null) {
        future =
            CompletableFuture.failedFuture(
                new LlmException("client returned no future", 0, true, 0));
      }
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    outstanding++;
    if (progress != null) {
      progress.submitted(request.stage(), request.model());
    }
    future.whenComplete((r, t) -> done.add(new Done<>(element, request, r, t)));
  }

  int outstanding() {
    return outstanding;
  }

  void emitReady(Emitter<T> emitter) {
    Done<T> d;
    while ((d = done.poll()) != null) {
      emit(d, emitter);
    }
    drainClientCounters();
    if (progress != null) {
      progress.flush(outstanding == 0);
    }
  }

  /** Blocks until at most {@code max} calls are pending. */
  void awaitBelow(int max, Emitter<T> emitter) throws InterruptedException {
    while (outstanding > max) {
      emit(done.take(), emitter);
    }
    emitReady(emitter);
  }

  void drain(Emitter<T> emitter) throws InterruptedException {
    awaitBelow(0, emitter);
  }

  private void emit(Done<T> d, Emitter<T> emitter) {
    outstanding--;
    if (d.error() == null && d.response() != null) {
      ChatResponse r = d.response();
      if (progress != null) {
        progress.completed(
            d.request().stage(),
            d.request().model(),
            r.fromCache(),
            r.promptTokens(),
            r.completionTokens());
      }
      if (r.fromCache()) {
        count("cache_hits", 1);
      } else {
        String suffix = d.request().stage() + "." + d.request().model();
        count("tokens.prompt." + suffix, r.promptTokens());
        count("tokens.completion." + suffix, r.completionTokens());
      }
      emitter.response(KV.of(d.element(), r));
    } else {
      count("failures", 1);
      if (progress != null) {
        progress.failed(d.request().stage(), d.request().model());
      }
      Throwable t = d.error() != null ? d.error() : new LlmException("no completion", 0, true, 0);
      emitter.failure(KV.of(d.element(), LlmFailure.of(t)));
    }
  }

  private void drainClientCounters() {
    if (client instanceof ClientCounters c) {
      for (Map.Entry<String, Long> e : c.drainCounters().entrySet()) {
        String name = e.getKey().equals("requests") ? "requests_sent" : e.getKey();
        count(name, e.getValue());
      }
    }
  }

  private void count(String name, long n) {
    if (n != 0) {
      counters.computeIfAbsent(name, k -> Metrics.counter(NAMESPACE, k)).inc(n);
      if (progress != null && !name.startsWith("tokens.")) {
        progress.http(name, n);
      }
    }
  }
}
