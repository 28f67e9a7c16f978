package org.medinstruct.llm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.medinstruct.model.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a {@link BatchChatClient}'s open batches (each at most every pollSeconds, logging progress
 * when it changes) and collects a finished one: every completion in its output file is journaled
 * and completes its future; every other line, and every line missing from both files, goes back to
 * {@link BatchState} as a failure to resubmit or report. The ledger then marks the batch collected.
 */
final class BatchCollector {
  private static final Logger LOG = LoggerFactory.getLogger(BatchCollector.class);
  private static final Set<String> TERMINAL = Set.of("completed", "failed", "expired", "cancelled");

  private final BatchState state;
  private final BatchApi api;
  private final BatchLedger ledger;
  private final StructuredFallback structured;
  private final long pollNanos;

  BatchCollector(
      BatchState state,
      BatchApi api,
      BatchLedger ledger,
      StructuredFallback structured,
      long pollNanos) {
    this.state = state;
    this.api = api;
    this.ledger = ledger;
    this.structured = structured;
    this.pollNanos = pollNanos;
  }

  void pollOpen() throws IOException {
    List<BatchState.Open> due = new ArrayList<>();
    long now = System.nanoTime();
    synchronized (state.lock) {
      for (BatchState.Open o : state.open.values()) {
        if (now >= o.nextPollNanos) {
          due.add(o);
        }
      }
    }
    for (BatchState.Open o : due) {
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
  private void collect(BatchState.Open o, JsonObject batch) throws IOException {
    String output = fileOrEmpty(batch, "output_file_id");
    String errors = fileOrEmpty(batch, "error_file_id");
    Set<String> seen = new HashSet<>();
    synchronized (state.lock) {
      for (String text : List.of(output, errors)) {
        for (String line : text.split("\n")) {
          if (line.isBlank()) {
            continue;
          }
          JsonObject l = JsonParser.parseString(line).getAsJsonObject();
          String key = l.get("custom_id").getAsString();
          if (o.lines.containsKey(key) && seen.add(key)) {
            readLine(o, key, l);
          }
        }
      }
      for (String key : o.lines.keySet()) {
        if (!seen.contains(key)) {
          state.failLine(
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
      state.collected(o);
    }
  }

  /** Called with the lock held: one line of the output or error file. */
  private void readLine(BatchState.Open o, String key, JsonObject l) throws IOException {
    JsonElement response = l.get("response");
    JsonElement error = l.get("error");
    if (response != null
        && response.isJsonObject()
        && response.getAsJsonObject().get("status_code").getAsInt() == 200) {
      state.finishLine(o.lines.get(key), response.getAsJsonObject().get("body").toString());
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
      BatchState.Slot refused = state.slots.get(key);
      if (refused != null && structured.refusedBy(refused.sent, status, errorBody)) {
        // No structured output here: the line goes into the next batch as plain text.
        refused.sent = refused.sent.withoutResponseFormat();
        state.requeue(refused);
      } else if (OpenAiProtocol.isContextLengthError(status, errorBody)) {
        state.shrinkOrFail(key, status, message);
      } else {
        state.failLine(
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
      state.failLine(key, 0, "batch " + o.batchId + " line: " + code, true, FailureKind.OTHER);
    }
  }

  private String fileOrEmpty(JsonObject batch, String field) throws IOException {
    JsonElement id = batch.get(field);
    return id == null || id.isJsonNull() ? "" : api.download(id.getAsString());
  }
}
