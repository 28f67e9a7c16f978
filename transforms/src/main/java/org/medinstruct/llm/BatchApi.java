package org.medinstruct.llm;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The OpenAI Batch API over HTTP: upload a JSONL input file, create, retrieve, cancel and list
 * batches, download a file. Status other than 200 and I/O errors are thrown as {@link IOException}
 * with the provider's error message (never the key); callers decide what to retry. Creating a batch
 * is never retried here: a lost reply is recovered by {@link #findByInputFile}.
 */
final class BatchApi {
  private final String base;
  private final LlmSettings settings;
  private final Map<String, String> auth;
  private final String apiKey;
  private final HttpClient http;
  private final Duration timeout;

  /** Plain http with a key: every request goes to the loopback address checked for it. */
  private final LoopbackGuard pin;

  BatchApi(String base, LlmSettings settings, String apiKey) {
    this.base = base;
    this.settings = settings;
    this.apiKey = apiKey;
    this.auth = ChatEndpoint.authHeaders(settings, apiKey);
    int seconds =
        settings.requestTimeoutSeconds() > 0
            ? settings.requestTimeoutSeconds()
            : LlmSettings.DEFAULT_TIMEOUT_SECONDS;
    this.timeout = Duration.ofSeconds(seconds);
    this.pin =
        LoopbackGuard.mustPin(base, apiKey != null, settings.allowInsecureHttp())
            ? new LoopbackGuard(LoopbackGuard.SYSTEM)
            : null;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
  }

  /** Uploads a batch input file; returns its file id. */
  String upload(byte[] jsonl, String fileName) throws IOException {
    String boundary = "medinstruct-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
            + "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: application/jsonl\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(jsonl);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    JsonObject file =
        json(
            send("POST", "files", "multipart/form-data; boundary=" + boundary, body.toByteArray()));
    return file.get("id").getAsString();
  }

  /** Creates a batch on the chat-completions endpoint with a 24 h window. */
  JsonObject create(String inputFileId) throws IOException {
    JsonObject req = new JsonObject();
    req.addProperty("input_file_id", inputFileId);
    req.addProperty("endpoint", "/v1/chat/completions");
    req.addProperty("completion_window", "24h");
    return json(
        send(
            "POST",
            "batches",
            "application/json",
            req.toString().getBytes(StandardCharsets.UTF_8)));
  }

  JsonObject retrieve(String batchId) throws IOException {
    return json(send("GET", "batches/" + batchId, null, null));
  }

  JsonObject cancel(String batchId) throws IOException {
    return json(send("POST", "batches/" + batchId + "/cancel", "application/json", new byte[0]));
  }

  /** The batch created from an input file, among the most recent 100, or null. */
  JsonObject findByInputFile(String inputFileId) throws IOException {
    JsonObject list = json(send("GET", "batches?limit=100", null, null));
    for (var e : list.getAsJsonArray("data")) {
      JsonObject b = e.getAsJsonObject();
      if (b.has("input_file_id") && inputFileId.equals(b.get("input_file_id").getAsString())) {
        return b;
      }
    }
    return null;
  }

  /** The content of an output or error file. */
  String download(String fileId) throws IOException {
    return new String(
        send("GET", "files/" + fileId + "/content", null, null), StandardCharsets.UTF_8);
  }

  private byte[] send(String method, String path, String contentType, byte[] body)
      throws IOException {
    String url = ChatEndpoint.url(base, path, settings);
    if (pin != null) {
      url = pin.pin(url);
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    auth.forEach(b::header);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<byte[]> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted: " + method + " " + path);
    } catch (IOException e) {
      throw new IOException(
          method
              + " "
              + path
              + ": "
              + e.getClass().getSimpleName()
              + " "
              + ApiKeys.redact(String.valueOf(e.getMessage()), apiKey),
          e);
    }
    if (r.statusCode() != 200) {
      String detail =
          ApiKeys.redact(
              OpenAiProtocol.errorMessage(new String(r.body(), StandardCharsets.UTF_8)), apiKey);
      throw new StatusException(
          r.statusCode(), method + " " + path + ": HTTP " + r.statusCode() + ": " + detail);
    }
    return r.body();
  }

  private static JsonObject json(byte[] body) throws IOException {
    try {
      return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IOException("malformed Batch API reply: " + e.getClass().getSimpleName(), e);
    }
  }

  /** A Batch API reply other than 200. */
  static final class StatusException extends IOException {
    final int status;

    StatusException(int status, String message) {
      super(message);
      this.status = status;
    }
  }
}
