package org.medinstruct.llm;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.medinstruct.model.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link BatchChatClient} tracks, guarded by {@link #lock}: the requests asked for and not
 * yet answered ({@link Slot}s), those waiting for the next batch, the open batches and the input
 * files not yet created as batches; and how a batch line ends: journaled and completed ({@link
 * #finishLine}), queued again (a retryable failure within maxRetries, max_tokens cut after a
 * context-length error) or failed.
 */
final class BatchState {
  private static final Logger LOG = LoggerFactory.getLogger(BatchState.class);

  /** One request asked for. */
  static final class Slot {
    final String key;
    final ChatRequest request;
    final CompletableFuture<ChatResponse> future = new CompletableFuture<>();

    /**
     * What the next batch line sends: the request, with max_tokens cut after context-length errors.
     */
    ChatRequest sent;

    int submissions;
    double reserved;

    Slot(String key, ChatRequest request) {
      this.key = key;
      this.request = request;
      this.sent = request;
    }
  }

  /** One batch created and not yet collected. */
  static final class Open {
    final String batchId;
    final Map<String, BatchLedger.Line> lines;
    long tokens;
    long nextPollNanos;
    String lastProgress;

    Open(String batchId, Map<String, BatchLedger.Line> lines, long tokens) {
      this.batchId = batchId;
      this.lines = lines;
      this.tokens = tokens;
    }
  }

  final Object lock = new Object();
  final Map<String, Slot> slots = new HashMap<>();
  final ArrayDeque<Slot> queue = new ArrayDeque<>();
  final Map<String, Open> open = new LinkedHashMap<>();
  final Map<String, String> batchOfKey = new HashMap<>();

  /** Input files uploaded and recorded whose batch is not known to exist yet. */
  final Map<String, List<BatchLedger.Line>> uncreated = new LinkedHashMap<>();

  /** Estimated tokens of the input files this client uploaded, for the enqueued-token limit. */
  final Map<String, Long> fileTokens = new HashMap<>();

  /** Batches this client collected (its ledger view may lag behind its own appends). */
  final Set<String> collectedHere = new HashSet<>();

  long lastArrivalNanos;

  final AtomicLong spendMicros = new AtomicLong();
  private final int maxRetries;
  private final String apiKey;
  private final Journal journal;
  private final Prices prices;
  private final Budget budget;

  BatchState(int maxRetries, String apiKey, Journal journal, Prices prices, Budget budget) {
    this.maxRetries = maxRetries;
    this.apiKey = apiKey;
    this.journal = journal;
    this.prices = prices;
    this.budget = budget;
  }

  /** Called with the lock held: journals a completed line and completes its future. */
  void finishLine(BatchLedger.Line line, String body) throws IOException {
    Slot s = slots.get(line.key());
    int attempts = s == null ? 1 : Math.max(1, s.submissions);
    ChatResponse done;
    try {
      done = OpenAiProtocol.parseCompletion(body, attempts);
    } catch (IllegalArgumentException malformed) {
      failLine(
          line.key(),
          200,
          "batch line: HTTP 200 with " + malformed.getMessage(),
          true,
          FailureKind.OTHER);
      return;
    }
    double cost = prices.cost(line.model(), done.promptTokens(), done.completionTokens(), true);
    budget.settle(s == null ? 0 : s.reserved, cost);
    spendMicros.addAndGet(Math.round(cost * 1e6));
    ChatRequest request =
        s != null
            ? s.request
            : new ChatRequest(
                line.stage(),
                line.sampleKey(),
                null,
                line.model(),
                List.of(),
                0,
                0,
                0,
                0,
                List.of(),
                null);
    if (journal.get(line.key()) == null) {
      // Another worker sharing the cacheDir may have collected the same batch: journal once.
      journal.put(line.key(), request, done);
    }
    if (s != null) {
      slots.remove(line.key());
      s.future.complete(done);
    }
  }

  /**
   * Called with the lock held: a context-length error is handled as online mode does ({@link
   * AttemptFailure}): the line goes into a new batch with max_tokens cut to 80 %, within
   * maxRetries; then it fails as a bad request.
   */
  void shrinkOrFail(String key, int status, String message) {
    Slot s = slots.get(key);
    if (s == null) {
      return;
    }
    int reduced = (int) (s.sent.maxTokens() * 0.8);
    if (reduced < 1 || s.submissions > maxRetries) {
      failLine(
          key,
          status,
          message + " (max_tokens " + s.sent.maxTokens() + ")",
          false,
          FailureKind.BAD_REQUEST);
      return;
    }
    LOG.info(
        "context length exceeded in a batch line; resubmitting with max_tokens {} (was {})",
        reduced,
        s.sent.maxTokens());
    s.sent = s.sent.withMaxTokens(reduced);
    requeue(s);
  }

  /** Called with the lock held: releases a line's reservation and queues it for the next batch. */
  void requeue(Slot s) {
    budget.release(s.reserved);
    s.reserved = 0;
    queue.add(s);
  }

  /** Called with the lock held: resubmits a retryable failure within maxRetries, else fails it. */
  void failLine(String key, int status, String message, boolean retryable, FailureKind kind) {
    Slot s = slots.get(key);
    if (s == null) {
      return; // re-attached and not asked for in this run: a later request is queued anew
    }
    if (retryable && s.submissions <= maxRetries) {
      requeue(s);
      return;
    }
    budget.release(s.reserved);
    s.reserved = 0;
    slots.remove(key);
    s.future.completeExceptionally(
        new LlmException(
            ApiKeys.redact(message, apiKey)
                + (retryable ? " (gave up after " + s.submissions + " batches)" : ""),
            status,
            retryable,
            s.submissions,
            kind));
  }

  /** Called with the lock held: the open batch is done and its ledger entry collected. */
  void collected(Open o) {
    collectedHere.add(o.batchId);
    open.remove(o.batchId);
    o.lines.keySet().forEach(k -> batchOfKey.remove(k, o.batchId));
    lastArrivalNanos = 0;
  }

  /** Records a batch as open and takes its requests out of the queue. */
  void attach(String batchId, List<BatchLedger.Line> lines, long tokens) {
    Map<String, BatchLedger.Line> byKey = new LinkedHashMap<>();
    lines.forEach(l -> byKey.put(l.key(), l));
    synchronized (lock) {
      open.put(batchId, new Open(batchId, byKey, tokens));
      for (BatchLedger.Line l : lines) {
        batchOfKey.put(l.key(), batchId);
        Slot queued = slots.get(l.key());
        if (queued != null) {
          queue.remove(queued);
        }
      }
    }
  }

  /**
   * Attaches to batches another worker JVM created (sharing this cacheDir) since this client
   * started, so that their requests are not submitted again here.
   */
  void attachForeignBatches(BatchLedger ledger) throws IOException {
    for (BatchLedger.Submission s : ledger.read().values()) {
      boolean known;
      synchronized (lock) {
        known =
            s.collected
                || s.batchId == null
                || open.containsKey(s.batchId)
                || collectedHere.contains(s.batchId);
      }
      if (!known) {
        attach(s.batchId, s.lines, 0);
        LOG.info(
            "batch {}: attached (created by another worker, {} requests)",
            s.batchId,
            s.lines.size());
      }
    }
  }
}
