package org.medinstruct.sim;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed chat-completions request body. {@link #parse} throws IllegalArgumentException with an
 * OpenAI-style message for a body that is not valid JSON or lacks a usable "messages" array.
 */
record ChatCall(
    String model,
    List<String[]> messages,
    Integer maxTokens,
    List<String> stop,
    long contentSeed,
    JsonObject responseFormat) {

  static ChatCall parse(String body) {
    JsonObject o;
    try {
      JsonElement e = JsonParser.parseString(body);
      if (!e.isJsonObject()) {
        throw new IllegalArgumentException("The request body must be a JSON object.");
      }
      o = e.getAsJsonObject();
    } catch (JsonSyntaxException e) {
      throw new IllegalArgumentException(
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't"
              + " using your HTTP library correctly.)");
    }
    if (!o.has("messages")
        || !o.get("messages").isJsonArray()
        || o.getAsJsonArray("messages").isEmpty()) {
      throw new IllegalArgumentException(
          "'messages' is a required property and must be a" + " non-empty array.");
    }
    List<String[]> messages = new ArrayList<>();
    int i = 0;
    for (JsonElement m : o.getAsJsonArray("messages")) {
      if (!m.isJsonObject()
          || !isString(m.getAsJsonObject(), "role")
          || !isString(m.getAsJsonObject(), "content")) {
        throw new IllegalArgumentException(
            "messages[" + i + "] must have string 'role' and" + " 'content'.");
      }
      messages.add(
          new String[] {
            m.getAsJsonObject().get("role").getAsString(),
            m.getAsJsonObject().get("content").getAsString()
          });
      i++;
    }
    Integer maxTokens = null;
    // Reasoning models take max_completion_tokens instead of max_tokens.
    String limit = o.has("max_tokens") ? "max_tokens" : "max_completion_tokens";
    if (o.has(limit) && !o.get(limit).isJsonNull()) {
      try {
        maxTokens = o.get(limit).getAsInt();
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("'" + limit + "' must be an integer.");
      }
      if (maxTokens < 1) {
        throw new IllegalArgumentException("'" + limit + "' must be at least 1.");
      }
    }
    List<String> stop = new ArrayList<>();
    JsonElement s = o.get("stop");
    if (s != null && !s.isJsonNull()) {
      if (s.isJsonPrimitive()) {
        stop.add(s.getAsString());
      } else if (s.isJsonArray()) {
        for (JsonElement e : s.getAsJsonArray()) {
          stop.add(e.getAsString());
        }
      } else {
        throw new IllegalArgumentException("'stop' must be a string or an array of strings.");
      }
    }
    String model = isString(o, "model") ? o.get("model").getAsString() : "gpt-3.5-turbo";
    JsonObject format = null;
    JsonElement rf = o.get("response_format");
    if (rf != null && !rf.isJsonNull()) {
      if (!rf.isJsonObject() || !isString(rf.getAsJsonObject(), "type")) {
        throw new IllegalArgumentException(
            "'response_format' must be an object with a string 'type'.");
      }
      format = rf.getAsJsonObject();
      String type = format.get("type").getAsString();
      if (type.equals("json_schema")
          && !(format.has("json_schema")
              && format.get("json_schema").isJsonObject()
              && format.getAsJsonObject("json_schema").has("schema"))) {
        throw new IllegalArgumentException(
            "'response_format.json_schema.schema' is required for type json_schema.");
      }
      if (!List.of("text", "json_object", "json_schema").contains(type)) {
        throw new IllegalArgumentException(
            "Invalid value for 'response_format.type': '" + type + "'.");
      }
    }
    return new ChatCall(model, messages, maxTokens, List.copyOf(stop), seedOf(o), format);
  }

  private static boolean isString(JsonObject o, String key) {
    return o.has(key) && o.get(key).isJsonPrimitive() && o.get(key).getAsJsonPrimitive().isString();
  }

  /**
   * SHA-256 of the fields that determine the content: model, messages and sampling parameters.
   * max_tokens is left out so that a shorter limit gives a prefix of the same completion.
   */
  private static long seedOf(JsonObject o) {
    JsonObject key = new JsonObject();
    for (String f :
        List.of(
            "model",
            "messages",
            "temperature",
            "top_p",
            "presence_penalty",
            "frequency_penalty",
            "stop",
            "n",
            "seed",
            "response_format")) {
      JsonElement v = o.get(f);
      if (v == null || v.isJsonNull()) {
        continue;
      }
      if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
        key.addProperty(f, v.getAsDouble()); // 1 and 1.0 are the same request
      } else {
        key.add(f, v);
      }
    }
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(key.toString().getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(h).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether the body asks for JSON matching a schema ({@code response_format} type json_schema).
   */
  boolean wantsJsonSchema() {
    return responseFormat != null && responseFormat.get("type").getAsString().equals("json_schema");
  }

  int promptTokens() {
    int n = 0;
    for (String[] m : messages) {
      n += Tokens.count(m[1]);
    }
    return n;
  }

  String lastUserMessage() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i)[0].equals("user")) {
        return messages.get(i)[1];
      }
    }
    return messages.get(messages.size() - 1)[1];
  }

  String systemMessage() {
    for (String[] m : messages) {
      if (m[0].equals("system")) {
        return m[1];
      }
    }
    return "";
  }
}
