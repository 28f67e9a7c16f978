package org.medinstruct.llm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Locale;

/** The OpenAI chat-completions wire format: request body out, completion or error message in. */
final class OpenAiProtocol {
  private OpenAiProtocol() {}

  /**
   * The body for a model family: its token-limit field (plus reasoning room), only the sampling
   * parameters it accepts, and {@code reasoning_effort} when the models file sets one.
   */
  static String requestBody(ChatRequest r, ModelSpec spec) {
    JsonObject body = new JsonObject();
    body.addProperty("model", r.model());
    JsonArray messages = new JsonArray();
    for (ChatMessage m : r.messages()) {
      JsonObject o = new JsonObject();
      o.addProperty("role", m.role());
      o.addProperty("content", m.content());
      messages.add(o);
    }
    body.add("messages", messages);
    if (spec.accepts(ModelSpec.Sampling.TEMPERATURE)) {
      body.addProperty("temperature", r.temperature());
    }
    if (spec.accepts(ModelSpec.Sampling.TOP_P)) {
      body.addProperty("top_p", r.topP());
    }
    if (spec.accepts(ModelSpec.Sampling.PRESENCE_PENALTY)) {
      body.addProperty("presence_penalty", r.presencePenalty());
    }
    if (spec.accepts(ModelSpec.Sampling.FREQUENCY_PENALTY)) {
      // Sent explicitly, as the reference scripts do; 0 is also the API's default.
      body.addProperty("frequency_penalty", 0);
    }
    body.addProperty(spec.tokenLimit().field, spec.completionLimit(r.maxTokens()));
    if (spec.reasoningEffort() != null) {
      body.addProperty("reasoning_effort", spec.reasoningEffort());
    }
    if (r.responseFormat() != null) {
      // Structured output; no stop sequences, which could cut the JSON.
      body.add("response_format", JsonParser.parseString(r.responseFormat()));
    } else if (spec.accepts(ModelSpec.Sampling.STOP) && r.stop() != null && !r.stop().isEmpty()) {
      JsonArray stop = new JsonArray();
      r.stop().forEach(stop::add);
      body.add("stop", stop);
    }
    return body.toString();
  }

  /**
   * Parses a 200 body.
   *
   * @throws IllegalArgumentException when the body is not a completion (retryable: malformed)
   */
  static ChatResponse parseCompletion(String body, int attempts) {
    try {
      JsonObject root = JsonParser.parseString(body).getAsJsonObject();
      JsonObject choice = root.getAsJsonArray("choices").get(0).getAsJsonObject();
      JsonElement content = choice.getAsJsonObject("message").get("content");
      if (content == null || content.isJsonNull()) {
        throw new IllegalArgumentException("completion has no message content");
      }
      JsonElement finish = choice.get("finish_reason");
      long prompt = 0;
      long completion = 0;
      if (root.has("usage") && root.get("usage").isJsonObject()) {
        JsonObject usage = root.getAsJsonObject("usage");
        prompt = usage.has("prompt_tokens") ? usage.get("prompt_tokens").getAsLong() : 0;
        completion =
            usage.has("completion_tokens") ? usage.get("completion_tokens").getAsLong() : 0;
      }
      return new ChatResponse(
          content.getAsString(),
          finish == null || finish.isJsonNull() ? null : finish.getAsString(),
          prompt,
          completion,
          attempts,
          false);
    } catch (RuntimeException e) {
      // Any shape error (not JSON, missing fields, wrong types) is a malformed body.
      throw new IllegalArgumentException(
          "malformed completion body: " + e.getClass().getSimpleName(), e);
    }
  }

  /** A string field of an error object, "" when absent or null. */
  private static String field(JsonObject error, String name) {
    return error.has(name) && !error.get(name).isJsonNull() ? error.get(name).getAsString() : "";
  }

  /** The error.message (and code) of an error body, or a short excerpt when it is not JSON. */
  static String errorMessage(String body) {
    try {
      JsonObject error = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error");
      String code =
          error.has("code") && !error.get("code").isJsonNull()
              ? error.get("code").getAsString()
              : null;
      String msg = field(error, "message");
      return code == null ? msg : code + ": " + msg;
    } catch (RuntimeException e) {
      String s = body == null ? "" : body.strip();
      return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
  }

  /**
   * The kind of a non-retryable error response: a 400 whose error names a parameter (other than the
   * messages) or the model is {@link org.medinstruct.model.FailureKind#BAD_PARAMETER}, which every
   * request would repeat; otherwise as the status says.
   */
  static org.medinstruct.model.FailureKind failureKind(int status, String body) {
    if (status == 400) {
      try {
        JsonObject error = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error");
        String param = field(error, "param");
        String code = field(error, "code");
        if ((!param.isEmpty() && !param.startsWith("messages"))
            || MODEL_OR_PARAMETER_CODES.contains(code)) {
          return org.medinstruct.model.FailureKind.BAD_PARAMETER;
        }
      } catch (RuntimeException notOpenAiShaped) {
        // A 400 without OpenAI's error object concerns this request only, as far as we can tell.
      }
    }
    return org.medinstruct.model.FailureKind.ofStatus(status);
  }

  private static final java.util.Set<String> MODEL_OR_PARAMETER_CODES =
      java.util.Set.of(
          "model_not_found",
          "invalid_model",
          "unsupported_parameter",
          "unknown_parameter",
          "unsupported_value",
          "invalid_api_key");

  /**
   * A 400 refusing the {@code response_format} (an endpoint or model without structured output):
   * the error's param names it, or its message does.
   */
  static boolean isResponseFormatError(int status, String body) {
    if (status != 400 || body == null) {
      return false;
    }
    try {
      JsonObject error = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error");
      String param = field(error, "param");
      String msg = field(error, "message");
      return param.startsWith("response_format") || msg.contains("response_format");
    } catch (RuntimeException notOpenAiShaped) {
      return body.contains("response_format");
    }
  }

  static boolean isContextLengthError(int status, String body) {
    if (status != 400 || body == null) {
      return false;
    }
    String lower = body.toLowerCase(Locale.ROOT);
    return lower.contains("context_length_exceeded") || lower.contains("maximum context length");
  }
}
