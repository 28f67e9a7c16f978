package org.medinstruct.llm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
  private static final Set<String> TERMINAL = Set.of("completed", "failed", "expired", "cancelled");

  private static final class Slot {
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

  private static final class Open {
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

  private final LlmSettings settings;
  private final BatchSettings limits;
  private final String apiKey;
  private final BatchApi api;
  private final Journal journal;
  private final Prices prices;
  private final Budget budget;
  private final StructuredFallback structured;
  private final BatchLedger ledger;
  private final long pollNanos;
  private final long collectNanos;

  private final Object lock = new Object();
  private final Map<String, Slot> slots = new HashMap<>();
  private final ArrayDeque<Slot> queue = new ArrayDeque<>();
  private final Map<String, Open> open = new LinkedHashMap<>();
  private final Map<String, String> batchOfKey = new HashMap<>();

  /** Input files uploaded and recorded whose batch is not known to exist yet. */
  private final Map<String, List<BatchLedger.Line>> uncreated = new LinkedHashMap<>();

  /** Estimated tokens of the input files this client uploaded, for the enqueued-token limit. */
  private final Map<String, Long> fileTokens = new HashMap<>();

  /** Batches this client collected (its ledger view may lag behind its own appends). */
  private final Set<String> collectedHere = new HashSet<>();

  private long lastArrivalNanos;
  private boolean recovered;

  /** Set by the first request: a client that is never asked anything never touches the ledger. */
  private volatile boolean asked;

  private int uploadFailures;

  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong resubmitted = new AtomicLong();
  private final AtomicLong spendMicros = new AtomicLong();
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
    this.loop = new Thread(this::run, "llm-batch-" + THREADS.incrementAndGet());
    loop.setDaemon(true);
    loop.start();
  }

  @Override
  public CompletableFuture<ChatResponse> complete(ChatRequest request) {
    if (request == null || request.messages() == null || request.model() == null) {
      return CompletableFuture.failedFuture(
          new LlmException("invalid request: model and messages are required", 0, false, 0));
    }
    String key = Journal.key(settings.journalEndpoint(), request);
    synchronized (lock) {
      ChatResponse cached = settings.refreshCache() ? null : journal.get(key);
      if (cached != null) {
        return CompletableFuture.completedFuture(cached);
      }
      Slot existing = slots.get(key);
      if (existing != null) {
        return existing.future;
      }
      if (closed) {
        return CompletableFuture.failedFuture(new LlmException("batch client closed", 0, true, 0));
      }
      if (budget.limitUsd() > 0 && !prices.isPriced(request.model())) {
        return CompletableFuture.failedFuture(
            new LlmException(
                "model "
                    + request.model()
                    + " has no price, so maxCostUsd cannot hold (add it to a models file)",
                0,
                false,
                0));
      }
      Slot s = new Slot(key, request);
      slots.put(key, s);
      asked = true;
      if (!batchOfKey.containsKey(key)) {
        queue.add(s);
        lastArrivalNanos = System.nanoTime();
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
          pollOpen();
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
        synchronized (lock) {
          uncreated.put(s.fileId, s.lines);
        }
      } else {
        attach(s.batchId, s.lines, 0);
        LOG.info("batch {}: re-attached ({} requests)", s.batchId, s.lines.size());
      }
    }
    recovered = true;
  }

  private void attach(String batchId, List<BatchLedger.Line> lines, long tokens) {
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

  /** Creates the batch of each recorded input file, unless the provider already has it. */
  private void createUncreated() throws IOException {
    List<Map.Entry<String, List<BatchLedger.Line>>> todo;
    synchronized (lock) {
      todo = new ArrayList<>(uncreated.entrySet());
    }
    for (Map.Entry<String, List<BatchLedger.Line>> e : todo) {
      JsonObject batch = api.findByInputFile(e.getKey());
      if (batch == null) {
        try {
          batch = api.create(e.getKey());
          batchesCreated.incrementAndGet();
        } catch (BatchApi.StatusException refused) {
          if (!RetryPolicy.retryableStatus(refused.status)) {
            synchronized (lock) {
              uncreated.remove(e.getKey());
              for (BatchLedger.Line l : e.getValue()) {
                failLine(
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
      synchronized (lock) {
        uncreated.remove(e.getKey());
        Long t = fileTokens.remove(e.getKey());
        tokens = t == null ? 0 : t;
      }
      attach(batchId, e.getValue(), tokens);
      LOG.info("batch {}: created with {} requests", batchId, e.getValue().size());
    }
  }

  /**
   * Attaches to batches another worker JVM created (sharing this cacheDir) since this client
   * started, so that their requests are not submitted again here.
   */
  private void attachForeignBatches() throws IOException {
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

  /**
   * Uploads and records the next input file once requests stopped arriving or a limit is reached.
   */
  private void submitReady() throws IOException {
    synchronized (lock) {
      if (queue.isEmpty()
          || !uncreated.isEmpty()
          || (System.nanoTime() - lastArrivalNanos < collectNanos
              && queue.size() < limits.maxRequestsPerBatch())) {
        return;
      }
    }
    attachForeignBatches();
    List<Slot> chunk = new ArrayList<>();
    ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
    long tokens = 0;
    synchronized (lock) {
      if (queue.isEmpty() || !uncreated.isEmpty()) {
        return;
      }
      boolean idle = System.nanoTime() - lastArrivalNanos >= collectNanos;
      if (!idle && queue.size() < limits.maxRequestsPerBatch()) {
        return;
      }
      long enqueued = open.values().stream().mapToLong(o -> o.tokens).sum();
      Iterator<Slot> it = queue.iterator();
      while (it.hasNext() && chunk.size() < limits.maxRequestsPerBatch()) {
        Slot s = it.next();
        s.sent = structured.apply(s.sent);
        byte[] line = line(s);
        long t = RateLimiter.estimateTokens(s.sent);
        if (!chunk.isEmpty() && jsonl.size() + line.length > limits.maxBytesPerBatch()) {
          break;
        }
        if (limits.maxEnqueuedTokens() > 0
            && enqueued + tokens + t > limits.maxEnqueuedTokens()
            && !(chunk.isEmpty() && open.isEmpty())) {
          break;
        }
        double reservation = prices.worstCase(s.sent, true);
        if (!budget.tryReserve(reservation)) {
          it.remove();
          slots.remove(s.key);
          s.future.completeExceptionally(
              new LlmException(
                  String.format(
                      Locale.ROOT,
                      "budget exhausted: spent $%.4f of this worker's $%.4f share of maxCostUsd"
                          + " %.4f",
                      budget.spentUsd(),
                      budget.limitUsd(),
                      settings.maxCostUsd()),
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
      synchronized (lock) {
        for (int i = chunk.size() - 1; i >= 0; i--) {
          Slot s = chunk.get(i);
          budget.release(s.reserved);
          s.reserved = 0;
          if (++uploadFailures > settings.maxRetries() + 1) {
            slots.remove(s.key);
            s.future.completeExceptionally(
                new LlmException(
                    "batch input upload failed: " + e.getMessage(), 0, true, s.submissions));
          } else {
            queue.addFirst(s);
          }
        }
      }
      throw e;
    }
    List<BatchLedger.Line> lines = new ArrayList<>();
    for (Slot s : chunk) {
      s.submissions++;
      lines.add(
          new BatchLedger.Line(s.key, s.request.stage(), s.request.sampleKey(), s.request.model()));
      if (s.submissions > 1) {
        resubmitted.incrementAndGet();
      }
    }
    submitted.addAndGet(chunk.size());
    ledger.intent(fileId, lines);
    synchronized (lock) {
      uncreated.put(fileId, lines);
      fileTokens.put(fileId, tokens);
    }
    createUncreated();
  }

  private byte[] line(Slot s) {
    String body = OpenAiProtocol.requestBody(s.sent, prices.catalog().spec(s.sent.model()));
    return ("{\"custom_id\":\""
            + s.key
            + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
            + body
            + "}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private void pollOpen() throws IOException {
    List<Open> due = new ArrayList<>();
    long now = System.nanoTime();
    synchronized (lock) {
      for (Open o : open.values()) {
        if (now >= o.nextPollNanos) {
          due.add(o);
        }
      }
    }
    for (Open o : due) {
      JsonObject b = api.retrieve(o.batchId);
      o.nextPollNanos = System.nanoTime() + pollNanos;
      String status = b.get("status").getAsString();
      JsonObject counts =
          b.has("request_counts") && b.get("request_counts").isJsonObject()
              ? b.getAsJsonObject("request_counts")
              : new JsonObject();
      String progress =
          String.format(
              Locale.ROOT,
              "batch %s: %,d/%,d done, %,d failed%s",
              o.batchId,
              count(counts, "completed"),
              count(counts, "total"),
              count(counts, "failed"),
              TERMINAL.contains(status) ? " (" + status + ")" : "");
      if (!progress.equals(o.lastProgress)) {
        LOG.info(progress);
        o.lastProgress = progress;
      }
      if (TERMINAL.contains(status)) {
        collect(o, b);
      }
    }
  }

  private static long count(JsonObject counts, String name) {
    return counts.has(name) && !counts.get(name).isJsonNull() ? counts.get(name).getAsLong() : 0;
  }

  /** Journals every completion of a finished batch and hands the rest back for retry. */
  private void collect(Open o, JsonObject batch) throws IOException {
    String output = fileOrEmpty(batch, "output_file_id");
    String errors = fileOrEmpty(batch, "error_file_id");
    Set<String> seen = new HashSet<>();
    synchronized (lock) {
      for (String text : List.of(output, errors)) {
        for (String line : text.split("\n")) {
          if (line.isBlank()) {
            continue;
          }
          JsonObject l = JsonParser.parseString(line).getAsJsonObject();
          String key = l.get("custom_id").getAsString();
          if (!o.lines.containsKey(key) || !seen.add(key)) {
            continue;
          }
          JsonElement response = l.get("response");
          JsonElement error = l.get("error");
          if (response != null
              && response.isJsonObject()
              && response.getAsJsonObject().get("status_code").getAsInt() == 200) {
            finishLine(o.lines.get(key), response.getAsJsonObject().get("body").toString());
          } else if (response != null && response.isJsonObject()) {
            int status = response.getAsJsonObject().get("status_code").getAsInt();
            String errorBody = response.getAsJsonObject().get("body").toString();
            String message =
                "batch "
                    + o.batchId
                    + " line: HTTP "
                    + status
                    + ": "
                    + OpenAiProtocol.errorMessage(errorBody);
            Slot refused = slots.get(key);
            if (refused != null && structured.refusedBy(refused.sent, status, errorBody)) {
              // No structured output here: the line goes into the next batch as plain text.
              refused.sent = refused.sent.withoutResponseFormat();
              budget.release(refused.reserved);
              refused.reserved = 0;
              queue.add(refused);
            } else if (OpenAiProtocol.isContextLengthError(status, errorBody)) {
              shrinkOrFail(key, status, message);
            } else {
              failLine(
                  key,
                  status,
                  message,
                  RetryPolicy.retryableStatus(status),
                  OpenAiProtocol.failureKind(status, errorBody));
            }
          } else {
            String code =
                error != null && error.isJsonObject() && error.getAsJsonObject().has("code")
                    ? error.getAsJsonObject().get("code").getAsString()
                    : "unknown";
            failLine(key, 0, "batch " + o.batchId + " line: " + code, true, FailureKind.OTHER);
          }
        }
      }
      for (String key : o.lines.keySet()) {
        if (!seen.contains(key)) {
          failLine(
              key,
              0,
              "batch "
                  + o.batchId
                  + " ended "
                  + batch.get("status").getAsString()
                  + " without this request",
              true,
              FailureKind.OTHER);
        }
      }
      ledger.collected(o.batchId);
      collectedHere.add(o.batchId);
      open.remove(o.batchId);
      o.lines.keySet().forEach(k -> batchOfKey.remove(k, o.batchId));
      lastArrivalNanos = 0;
    }
  }

  private String fileOrEmpty(JsonObject batch, String field) throws IOException {
    JsonElement id = batch.get(field);
    return id == null || id.isJsonNull() ? "" : api.download(id.getAsString());
  }

  /** Called with the lock held. */
  private void finishLine(BatchLedger.Line line, String body) throws IOException {
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
                List.of());
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
   * HttpChatClient}): the line goes into a new batch with max_tokens cut to 80 %, within
   * maxRetries; then it fails as a bad request.
   */
  private void shrinkOrFail(String key, int status, String message) {
    Slot s = slots.get(key);
    if (s == null) {
      return;
    }
    int reduced = (int) (s.sent.maxTokens() * 0.8);
    if (reduced < 1 || s.submissions > settings.maxRetries()) {
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
    budget.release(s.reserved);
    s.reserved = 0;
    queue.add(s);
  }

  /** Called with the lock held: resubmits a retryable failure within maxRetries, else fails it. */
  private void failLine(
      String key, int status, String message, boolean retryable, FailureKind kind) {
    Slot s = slots.get(key);
    if (s == null) {
      return; // re-attached and not asked for in this run: a later request is queued anew
    }
    budget.release(s.reserved);
    s.reserved = 0;
    if (retryable && s.submissions <= settings.maxRetries()) {
      queue.add(s);
      return;
    }
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

  @Override
  public Map<String, Long> drainCounters() {
    Map<String, Long> m = new HashMap<>();
    m.put("requests", submitted.getAndSet(0));
    m.put("retries", resubmitted.getAndSet(0));
    m.put("spend_micro_usd", spendMicros.getAndSet(0));
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
    synchronized (lock) {
      for (Slot s : slots.values()) {
        s.future.completeExceptionally(
            new LlmException("batch client closed", 0, true, s.submissions));
      }
      slots.clear();
      queue.clear();
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
