package org.medinstruct.llm;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Durable record of every successful completion, so that no request is paid for twice across
 * retried bundles, crashes and reruns. Entries hold the completion only: never the API key or any
 * request header.
 */
interface Journal extends AutoCloseable {
  /** The journaled completion for a key, or null. */
  ChatResponse get(String key);

  /** Durably records a completion before it is handed to the caller. */
  void put(String key, ChatRequest request, ChatResponse response) throws IOException;

  int size();

  /** Torn or unreadable lines met since the last call (counted in summary.json). */
  default long drainDamagedLines() {
    return 0;
  }

  @Override
  void close();

  /** No journal (cacheDir unset). */
  Journal NONE =
      new Journal() {
        @Override
        public ChatResponse get(String key) {
          return null;
        }

        @Override
        public void put(String key, ChatRequest request, ChatResponse response) {}

        @Override
        public int size() {
          return 0;
        }

        @Override
        public void close() {}
      };

  /** A local path (default, append-only JSONL segments) or any Beam FileSystems path (gs://...). */
  static Journal open(String cacheDir) {
    if (cacheDir == null || cacheDir.isBlank()) {
      return NONE;
    }
    boolean hasScheme = cacheDir.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    if (hasScheme && !cacheDir.startsWith("file://")) {
      return ObjectStoreJournal.open(cacheDir);
    }
    return LocalJournal.open(cacheDir.startsWith("file://") ? cacheDir.substring(7) : cacheDir);
  }

  /**
   * SHA-256 over base URL, model, every sampling parameter, the requested max_tokens, stop,
   * templateVersion, the messages and sampleKey (and the response_format when there is one), in an
   * unambiguous JSON encoding.
   */
  static String key(String baseUrl, ChatRequest r) {
    JsonArray a = new JsonArray();
    a.add(baseUrl);
    a.add(r.model());
    a.add(r.temperature());
    a.add(r.topP());
    a.add(r.presencePenalty());
    a.add(r.maxTokens());
    JsonArray stop = new JsonArray();
    if (r.stop() != null) {
      r.stop().forEach(stop::add);
    }
    a.add(stop);
    a.add(r.templateVersion());
    JsonArray messages = new JsonArray();
    for (ChatMessage m : r.messages()) {
      JsonArray pair = new JsonArray();
      pair.add(m.role());
      pair.add(m.content());
      messages.add(pair);
    }
    a.add(messages);
    a.add(r.sampleKey());
    if (r.responseFormat() != null) {
      // Only structured requests carry it, so the keys of all other requests stay as they were.
      a.add(r.responseFormat());
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(a.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String toJson(String key, ChatRequest request, ChatResponse response) {
    JsonObject o = new JsonObject();
    o.addProperty("key", key);
    o.addProperty("stage", request.stage());
    o.addProperty("sampleKey", request.sampleKey());
    o.addProperty("model", request.model());
    o.addProperty("content", response.content());
    o.addProperty("finishReason", response.finishReason());
    o.addProperty("promptTokens", response.promptTokens());
    o.addProperty("completionTokens", response.completionTokens());
    o.addProperty("attempts", response.attempts());
    o.addProperty("journaledAtMillis", System.currentTimeMillis());
    return o.toString();
  }

  /** One entry as written: its JSON and a newline, UTF-8. */
  static byte[] line(String key, ChatRequest request, ChatResponse response) {
    return (toJson(key, request, response) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** A completion as the journal serves it: cost nothing, attempts 0. */
  static ChatResponse served(ChatResponse response) {
    return new ChatResponse(
        response.content(),
        response.finishReason(),
        response.promptTokens(),
        response.completionTokens(),
        0,
        true);
  }

  /**
   * Parses one entry; throws on a torn or foreign line. Served entries cost nothing: attempts 0.
   */
  static Entry parse(String json) {
    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    String key = o.get("key").getAsString();
    String content = o.get("content").getAsString();
    String finish =
        o.has("finishReason") && !o.get("finishReason").isJsonNull()
            ? o.get("finishReason").getAsString()
            : null;
    long at = o.has("journaledAtMillis") ? o.get("journaledAtMillis").getAsLong() : 0;
    return new Entry(
        key,
        at,
        new ChatResponse(
            content,
            finish,
            o.get("promptTokens").getAsLong(),
            o.get("completionTokens").getAsLong(),
            0,
            true));
  }

  /** A journaled completion; with refreshCache a key can appear twice and the newest wins. */
  record Entry(String key, long journaledAtMillis, ChatResponse response) {}
}
