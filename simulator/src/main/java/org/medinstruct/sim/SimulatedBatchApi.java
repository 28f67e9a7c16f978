package org.medinstruct.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The OpenAI Batch API of the simulated endpoint (a test double for a paid API): {@code POST
 * /v1/files} (multipart, purpose batch), {@code GET /v1/files/{id}/content}, {@code POST
 * /v1/batches}, {@code GET /v1/batches/{id}}, {@code POST /v1/batches/{id}/cancel} and {@code GET
 * /v1/batches}. A batch is in progress for {@link SimBatchConfig#delayMillis}, then its lines are
 * answered with the same deterministic completions as {@code /v1/chat/completions}; a share of
 * lines fails and the first batches may expire with half their lines done.
 */
public final class SimulatedBatchApi {
  /** A reply to one Batch API request. */
  public record Reply(int status, String contentType, byte[] body) {
    static Reply json(int status, JsonObject o) {
      return new Reply(status, "application/json", o.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private final SimulatedLlmServer server;
  private final SimBatchConfig config;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, Batch> batches = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong lineDraws = new AtomicLong();
  private final Map<String, Integer> customIdSubmissions = new ConcurrentHashMap<>();
  private final Map<String, Integer> inputFileBatches = new ConcurrentHashMap<>();

  private static final class Batch {
    final String id;
    final String inputFileId;
    final long createdNanos;
    final long createdAt;
    final boolean expires;
    final int total;
    String status = "in_progress";
    String outputFileId;
    String errorFileId;
    int completed;
    int failed;

    Batch(String id, String inputFileId, int total, boolean expires) {
      this.id = id;
      this.inputFileId = inputFileId;
      this.total = total;
      this.expires = expires;
      this.createdNanos = System.nanoTime();
      this.createdAt = System.currentTimeMillis() / 1000;
    }
  }

  SimulatedBatchApi(SimulatedLlmServer server, SimBatchConfig config) {
    this.server = server;
    this.config = config;
  }

  /** Batches created so far. */
  public synchronized int batchesCreated() {
    return batches.size();
  }

  /** Input files that were turned into more than one batch (a client submitting a batch twice). */
  public int inputFilesSubmittedTwice() {
    return (int) inputFileBatches.values().stream().filter(n -> n > 1).count();
  }

  /** How many batches each custom_id was submitted in (more than one only after a failure). */
  public Map<String, Integer> customIdSubmissions() {
    return Map.copyOf(customIdSubmissions);
  }

  Reply handle(String method, String path, String query, String contentType, byte[] body) {
    String[] parts = path.substring(1).split("/");
    // parts: v1, files|batches, [id], [content|cancel]
    try {
      if (parts[1].equals("files")) {
        if (method.equals("POST") && parts.length == 2) {
          return upload(contentType, body);
        }
        if (method.equals("GET") && parts.length == 4 && parts[3].equals("content")) {
          byte[] f = files.get(parts[2]);
          return f == null
              ? error(404, "No such File object: " + parts[2])
              : new Reply(200, "application/jsonl", f);
        }
      } else if (parts[1].equals("batches")) {
        if (method.equals("POST") && parts.length == 2) {
          return create(
              JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject());
        }
        if (method.equals("GET") && parts.length == 2) {
          return list();
        }
        if (method.equals("GET") && parts.length == 3) {
          return retrieve(parts[2]);
        }
        if (method.equals("POST") && parts.length == 4 && parts[3].equals("cancel")) {
          return cancel(parts[2]);
        }
      }
      return error(404, "Unknown request URL: " + method + " " + path + ".");
    } catch (RuntimeException e) {
      return error(400, "bad request: " + e.getMessage());
    }
  }

  private Reply upload(String contentType, byte[] body) {
    if (contentType == null || !contentType.contains("boundary=")) {
      return error(400, "expected multipart/form-data with a file part");
    }
    String boundary =
        contentType.substring(contentType.indexOf("boundary=") + 9).replace("\"", "").strip();
    String text = new String(body, StandardCharsets.UTF_8);
    String file = null;
    String purpose = null;
    for (String part : text.split("--" + java.util.regex.Pattern.quote(boundary))) {
      int headerEnd = part.indexOf("\r\n\r\n");
      if (headerEnd < 0) {
        continue;
      }
      String headers = part.substring(0, headerEnd);
      String content = part.substring(headerEnd + 4);
      if (content.endsWith("\r\n")) {
        content = content.substring(0, content.length() - 2);
      }
      if (headers.contains("name=\"file\"")) {
        file = content;
      } else if (headers.contains("name=\"purpose\"")) {
        purpose = content.strip();
      }
    }
    if (file == null || !"batch".equals(purpose)) {
      return error(400, "expected a 'file' part and purpose=batch");
    }
    String id = "file-sim" + ids.incrementAndGet();
    byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
    files.put(id, bytes);
    JsonObject o = new JsonObject();
    o.addProperty("id", id);
    o.addProperty("object", "file");
    o.addProperty("bytes", bytes.length);
    o.addProperty("purpose", "batch");
    return Reply.json(200, o);
  }

  private synchronized Reply create(JsonObject request) {
    String input = request.get("input_file_id").getAsString();
    byte[] f = files.get(input);
    if (f == null) {
      return error(400, "No such File object: " + input);
    }
    if (!"/v1/chat/completions".equals(request.get("endpoint").getAsString())) {
      return error(400, "only /v1/chat/completions is supported");
    }
    int total = 0;
    for (String line : new String(f, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        total++;
        customIdSubmissions.merge(
            JsonParser.parseString(line).getAsJsonObject().get("custom_id").getAsString(),
            1,
            Integer::sum);
      }
    }
    inputFileBatches.merge(input, 1, Integer::sum);
    Batch b =
        new Batch(
            "batch_sim" + ids.incrementAndGet(),
            input,
            total,
            batches.size() < config.expireFirstBatches());
    batches.put(b.id, b);
    return Reply.json(200, json(b));
  }

  private synchronized Reply retrieve(String id) {
    Batch b = batches.get(id);
    if (b == null) {
      return error(404, "No batch found with id '" + id + "'.");
    }
    advance(b);
    return Reply.json(200, json(b));
  }

  private synchronized Reply cancel(String id) {
    Batch b = batches.get(id);
    if (b == null) {
      return error(404, "No batch found with id '" + id + "'.");
    }
    if (b.status.equals("in_progress")) {
      b.status = "cancelled";
    }
    return Reply.json(200, json(b));
  }

  private synchronized Reply list() {
    JsonArray data = new JsonArray();
    List<Batch> all = new ArrayList<>(batches.values());
    for (int i = all.size() - 1; i >= 0; i--) {
      advance(all.get(i));
      data.add(json(all.get(i)));
    }
    JsonObject o = new JsonObject();
    o.addProperty("object", "list");
    o.add("data", data);
    o.addProperty("has_more", false);
    return Reply.json(200, o);
  }

  /** Finishes a batch once its delay has passed: answers its lines and writes its files. */
  private void advance(Batch b) {
    if (!b.status.equals("in_progress")) {
      return;
    }
    long elapsedMs = (System.nanoTime() - b.createdNanos) / 1_000_000;
    if (elapsedMs < config.delayMillis()) {
      b.completed = (int) (b.total * elapsedMs / Math.max(1, config.delayMillis()) * 0.9);
      return;
    }
    StringBuilder output = new StringBuilder();
    StringBuilder errors = new StringBuilder();
    String[] lines = new String(files.get(b.inputFileId), StandardCharsets.UTF_8).split("\n");
    int index = 0;
    b.completed = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject in = JsonParser.parseString(line).getAsJsonObject();
      String customId = in.get("custom_id").getAsString();
      JsonObject out = new JsonObject();
      out.addProperty("id", "batch_req_sim" + ids.incrementAndGet());
      out.addProperty("custom_id", customId);
      if (b.expires && index >= b.total / 2) {
        out.add("response", JsonNull.INSTANCE);
        JsonObject err = new JsonObject();
        err.addProperty("code", "batch_expired");
        err.addProperty(
            "message", "This request could not be executed before the completion window expired.");
        out.add("error", err);
        errors.append(out).append('\n');
      } else {
        SplittableRandom draw =
            new SplittableRandom(
                server.config().seed() * 0x9E3779B97F4A7C15L + 7 * lineDraws.incrementAndGet());
        JsonObject response = new JsonObject();
        response.addProperty("request_id", "req_sim" + ids.incrementAndGet());
        if (draw.nextDouble() < config.failedLineShare()) {
          response.addProperty("status_code", 500);
          JsonObject e = new JsonObject();
          JsonObject inner = new JsonObject();
          inner.addProperty("message", "The server had an error while processing your request.");
          inner.addProperty("type", "server_error");
          e.add("error", inner);
          response.add("body", e);
          out.add("response", response);
          out.add("error", JsonNull.INSTANCE);
          errors.append(out).append('\n');
          b.failed++;
        } else if (refusal(in) != null) {
          // A line the chat endpoint would refuse (context length, an unsupported response_format).
          response.addProperty("status_code", 400);
          response.add("body", refusal(in));
          out.add("response", response);
          out.add("error", JsonNull.INSTANCE);
          errors.append(out).append('\n');
          b.failed++;
        } else {
          String body = in.getAsJsonObject("body").toString();
          ChatCall call = ChatCall.parse(body);
          response.addProperty("status_code", 200);
          response.add(
              "body",
              server.completion(body.getBytes(StandardCharsets.UTF_8), call, call.promptTokens()));
          out.add("response", response);
          out.add("error", JsonNull.INSTANCE);
          output.append(out).append('\n');
          b.completed++;
        }
      }
      index++;
    }
    b.outputFileId = store(output);
    b.errorFileId = errors.length() == 0 ? null : store(errors);
    b.status = b.expires ? "expired" : "completed";
  }

  private JsonObject refusal(JsonObject line) {
    ChatCall call = ChatCall.parse(line.getAsJsonObject("body").toString());
    return server.refusal(call, call.promptTokens());
  }

  private String store(StringBuilder content) {
    String id = "file-sim" + ids.incrementAndGet();
    files.put(id, content.toString().getBytes(StandardCharsets.UTF_8));
    return id;
  }

  private static JsonObject json(Batch b) {
    JsonObject o = new JsonObject();
    o.addProperty("id", b.id);
    o.addProperty("object", "batch");
    o.addProperty("endpoint", "/v1/chat/completions");
    o.addProperty("input_file_id", b.inputFileId);
    o.addProperty("completion_window", "24h");
    o.addProperty("status", b.status);
    o.addProperty("output_file_id", b.outputFileId);
    o.addProperty("error_file_id", b.errorFileId);
    o.addProperty("created_at", b.createdAt);
    JsonObject counts = new JsonObject();
    counts.addProperty("total", b.total);
    counts.addProperty("completed", b.completed);
    counts.addProperty("failed", b.failed);
    o.add("request_counts", counts);
    return o;
  }

  private static Reply error(int status, String message) {
    JsonObject e = new JsonObject();
    e.addProperty("message", message);
    e.addProperty("type", "invalid_request_error");
    JsonObject o = new JsonObject();
    o.add("error", e);
    return Reply.json(status, o);
  }
}
