package org.medinstruct.llm;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.medinstruct.model.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatClient} over the OpenAI Batch API ({@code --llmMode=batch}): journal first, then
 * requests are collected into batch input files (journal key as {@code custom_id}, split at the
 * {@link BatchSettings} limits), uploaded, created as batches and polled; every completion in the
 * output file is journaled exactly as online mode does and completes its future.
 *
 * <p>Failed lines (a retryable status, an expired batch's unfinished lines, lines missing from the
 * output) go into a new batch until {@code maxRetries} resubmissions; other failures fail the
 * future ({@link LlmException}). Costs use the models file's batch prices. Batch ids are kept in a
 * {@link BatchLedger} under {@code cacheDir}: a restarted run re-attaches to batches in progress
 * and never creates a batch twice. One background thread submits and polls; it reads the ledger
 * only once the client got its first request, so that on a cluster the idle workers' clients leave
 * the batches to the worker that holds the stage's requests (a stage goes out as one shard).
 */
public final class BatchChatClient implements ChatClient, ClientCounters {
  private static final Logger LOG = LoggerFactory.getLogger(BatchChatClient.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final LlmSettings settings;
  private final BatchSettings limits;
  private final String apiKey;
  private final BatchApi api;
  private final Journal journal;
  private final Prices prices;
  private final Budget budget;
  private final StructuredFallback structured;
  private final BatchLedger ledger;
  private final BatchState state;
  private final BatchCollector collector;
  private final long pollNanos;
  private final long collectNanos;

  private boolean recovered;

  /** Set by the first request: a client that is never asked anything never touches the ledger. */
  private volatile boolean asked;

  private int uploadFailures;

  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong resubmitted = new AtomicLong();
  private final AtomicLong batchesCreated = new AtomicLong();
  private final Thread loop;
  private volatile boolean closed;

  /** The production client: key from env or file. */
  public static BatchChatClient create(LlmSettings settings) {
    return new BatchChatClient(settings, ApiKeys.resolve(settings));
  }

  BatchChatClient(LlmSettings settings, String apiKey) {
    this(settings, apiKey, WorkerState.budget(settings));
  }

  /** A client spending from a worker's lasting budget (see {@link ChatClients}). */
  BatchChatClient(LlmSettings settings, String apiKey, Budget budget) {
    this.settings = settings;
    this.limits = settings.batch();
    String base = settings.baseUrl().strip().replaceAll("/+$", "");
    HttpChatClient.checkTransport(base, apiKey, settings.allowInsecureHttp());
    this.apiKey = apiKey;
    this.api = new BatchApi(base, settings, apiKey);
    this.ledger = BatchLedger.open(settings.cacheDir());
    this.journal = Journal.open(settings.cacheDir());
    this.prices = Prices.of(settings.catalog());
    this.budget = budget;
    this.structured = new StructuredFallback(base);
    this.pollNanos = (long) (limits.pollSeconds() * 1e9);
    this.collectNanos = (long) (limits.collectSeconds() * 1e9);
    this.state = new BatchState(settings.maxRetries(), apiKey, journal, prices, this.budget);
    this.collector = new BatchCollector(state, api, ledger, structured, pollNanos);
    this.loop = new Thread(this::run, "llm-batch-" + THREADS.incrementAndGet());
    loop.setDaemon(true);
    loop.start();
  }

  @Override
  public CompletableFuture<ChatResponse> complete(ChatRequest request) {
    if (!JournaledChat.valid(request)) {
      return JournaledChat.invalid();
    }
    String key = Journal.key(settings.journalEndpoint(), request);
    synchronized (state.lock) {
      ChatResponse cached = settings.refreshCache() ? null : journal.get(key);
      if (cached != null) {
        return CompletableFuture.completedFuture(cached);
      }
      BatchState.Slot existing = state.slots.get(key);
      if (existing != null) {
        return existing.future;
      }
      if (closed) {
        return CompletableFuture.failedFuture(new LlmException("batch client closed", 0, true, 0));
      }
      if (budget.limitUsd() > 0 && !prices.isPriced(request.model())) {
        return CompletableFuture.failedFuture(
            new LlmException(BudgetedExchange.unpriced(request.model()), 0, false, 0));
      }
      BatchState.Slot s = new BatchState.Slot(key, request);
      state.slots.put(key, s);
      asked = true;
      if (!state.batchOfKey.containsKey(key)) {
        state.queue.add(s);
        state.lastArrivalNanos = System.nanoTime();
      }
      return s.future;
    }
  }

  private void run() {
    long tick =
        Math.max(
            5_000_000L, Math.min(200_000_000L, Math.min(pollNanos, Math.max(collectNanos, 1) / 2)));
    while (!closed) {
      try {
        if (!recovered) {
          // Recovery waits for the first request: on a cluster every worker JVM has a client, but
          // only the one that gets a stage's requests may re-attach to (and collect) its batches.
          if (asked) {
            recover();
          }
        } else {
          createUncreated();
          submitReady();
          collector.pollOpen();
        }
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.warn(
            "batch client: {} (will try again)",
            ApiKeys.redact(String.valueOf(e.getMessage()), apiKey));
      }
      try {
        Thread.sleep(tick / 1_000_000L, (int) (tick % 1_000_000L));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Re-attaches to the batches of earlier runs; an intent without a batch is matched by its file.
   */
  private void recover() throws IOException {
    for (BatchLedger.Submission s : ledger.read().values()) {
      if (s.collected) {
        continue;
      }
      if (s.batchId == null) {
        synchronized (state.lock) {
          state.uncreated.put(s.fileId, s.lines);
        }
      } else {
        state.attach(s.batchId, s.lines, 0);
        LOG.info("batch {}: re-attached ({} requests)", s.batchId, s.lines.size());
      }
    }
    recovered = true;
  }

  /** Creates the batch of each recorded input file, unless the provider already has it. */
  private void createUncreated() throws IOException {
    List<Map.Entry<String, List<BatchLedger.Line>>> todo;
    synchronized (state.lock) {
      todo = new ArrayList<>(state.uncreated.entrySet());
    }
    for (Map.Entry<String, List<BatchLedger.Line>> e : todo) {
      JsonObject batch = api.findByInputFile(e.getKey());
      if (batch == null) {
        try {
          batch = api.create(e.getKey());
          batchesCreated.incrementAndGet();
        } catch (BatchApi.StatusException refused) {
          if (!RetryPolicy.retryableStatus(refused.status)) {
            synchronized (state.lock) {
              state.uncreated.remove(e.getKey());
              for (BatchLedger.Line l : e.getValue()) {
                state.failLine(
                    l.key(),
                    refused.status,
                    refused.getMessage(),
                    false,
                    FailureKind.ofStatus(refused.status));
              }
            }
            continue;
          }
          throw refused;
        }
      }
      String batchId = batch.get("id").getAsString();
      ledger.created(e.getKey(), batchId);
      long tokens;
      synchronized (state.lock) {
        state.uncreated.remove(e.getKey());
        Long t = state.fileTokens.remove(e.getKey());
        tokens = t == null ? 0 : t;
      }
      state.attach(batchId, e.getValue(), tokens);
      LOG.info("batch {}: created with {} requests", batchId, e.getValue().size());
    }
  }

  /**
   * Uploads and records the next input file once requests stopped arriving or a limit is reached.
   */
  private void submitReady() throws IOException {
    synchronized (state.lock) {
      if (state.queue.isEmpty()
          || !state.uncreated.isEmpty()
          || (System.nanoTime() - state.lastArrivalNanos < collectNanos
              && state.queue.size() < limits.maxRequestsPerBatch())) {
        return;
      }
    }
    state.attachForeignBatches(ledger);
    List<BatchState.Slot> chunk = new ArrayList<>();
    ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
    long tokens = 0;
    synchronized (state.lock) {
      if (state.queue.isEmpty() || !state.uncreated.isEmpty()) {
        return;
      }
      boolean idle = System.nanoTime() - state.lastArrivalNanos >= collectNanos;
      if (!idle && state.queue.size() < limits.maxRequestsPerBatch()) {
        return;
      }
      long enqueued = state.open.values().stream().mapToLong(o -> o.tokens).sum();
      Iterator<BatchState.Slot> it = state.queue.iterator();
      while (it.hasNext() && chunk.size() < limits.maxRequestsPerBatch()) {
        BatchState.Slot s = it.next();
        s.sent = structured.apply(s.sent);
        byte[] line = line(s);
        long t = RateLimiter.estimateTokens(s.sent);
        if (!chunk.isEmpty() && jsonl.size() + line.length > limits.maxBytesPerBatch()) {
          break;
        }
        if (limits.maxEnqueuedTokens() > 0
            && enqueued + tokens + t > limits.maxEnqueuedTokens()
            && !(chunk.isEmpty() && state.open.isEmpty())) {
          break;
        }
        double reservation = prices.worstCase(s.sent, true);
        if (!budget.tryReserve(reservation)) {
          it.remove();
          state.slots.remove(s.key);
          s.future.completeExceptionally(
              new LlmException(
                  BudgetedExchange.exhausted(budget, settings.maxCostUsd()),
                  0,
                  true,
                  s.submissions));
          continue;
        }
        s.reserved = reservation;
        it.remove();
        chunk.add(s);
        jsonl.writeBytes(line);
        tokens += t;
      }
    }
    if (chunk.isEmpty()) {
      return;
    }
    String fileId;
    try {
      fileId = api.upload(jsonl.toByteArray(), "medinstruct-" + chunk.size() + ".jsonl");
      uploadFailures = 0;
    } catch (IOException e) {
      synchronized (state.lock) {
        for (int i = chunk.size() - 1; i >= 0; i--) {
          BatchState.Slot s = chunk.get(i);
          budget.release(s.reserved);
          s.reserved = 0;
          if (++uploadFailures > settings.maxRetries() + 1) {
            state.slots.remove(s.key);
            s.future.completeExceptionally(
                new LlmException(
                    "batch input upload failed: " + e.getMessage(), 0, true, s.submissions));
          } else {
            state.queue.addFirst(s);
          }
        }
      }
      throw e;
    }
    List<BatchLedger.Line> lines = new ArrayList<>();
    for (BatchState.Slot s : chunk) {
      s.submissions++;
      lines.add(
          new BatchLedger.Line(s.key, s.request.stage(), s.request.sampleKey(), s.request.model()));
      if (s.submissions > 1) {
        resubmitted.incrementAndGet();
      }
    }
    submitted.addAndGet(chunk.size());
    ledger.intent(fileId, lines);
    synchronized (state.lock) {
      state.uncreated.put(fileId, lines);
      state.fileTokens.put(fileId, tokens);
    }
    createUncreated();
  }

  private byte[] line(BatchState.Slot s) {
    String body = OpenAiProtocol.requestBody(s.sent, prices.catalog().spec(s.sent.model()));
    return ("{\"custom_id\":\""
            + s.key
            + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
            + body
            + "}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Map<String, Long> drainCounters() {
    Map<String, Long> m = new HashMap<>();
    m.put("requests", submitted.getAndSet(0));
    m.put("retries", resubmitted.getAndSet(0));
    m.put("spend_micro_usd", state.spendMicros.getAndSet(0));
    return m;
  }

  /** USD spent by this client, at batch prices. */
  public double spentUsd() {
    return budget.spentUsd();
  }

  /** Batches this client created (not counting those it re-attached to). */
  long batchesCreated() {
    return batchesCreated.get();
  }

  /** Stops polling; batches in progress stay with the provider and a later client re-attaches. */
  @Override
  public void close() {
    closed = true;
    loop.interrupt();
    try {
      loop.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (state.lock) {
      for (BatchState.Slot s : state.slots.values()) {
        s.future.completeExceptionally(
            new LlmException("batch client closed", 0, true, s.submissions));
      }
      state.slots.clear();
      state.queue.clear();
    }
    journal.close();
  }

  @Override
  public String toString() {
    return "BatchChatClient{"
        + settings.baseUrl()
        + ", key "
        + (apiKey == null ? "none" : "set")
        + "}";
  }
}
