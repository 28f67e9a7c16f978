package org.medinstruct.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated endpoint's answers to a parsed chat request: the deterministic completion (seeded
 * from the request's content and the config seed) or the 400 refusal OpenAI would give before
 * generating anything. Counts completions, tokens and repeated request bodies for {@link SimStats}.
 */
final class Completions {
  private final SimConfig config;
  private final AtomicLong completions = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong promptTokens = new AtomicLong();
  private final AtomicLong completionTokens = new AtomicLong();
  private final Set<String> answeredBodies = ConcurrentHashMap.newKeySet();

  Completions(SimConfig config) {
    this.config = config;
  }

  long completions() {
    return completions.get();
  }

  long duplicates() {
    return duplicates.get();
  }

  long promptTokens() {
    return promptTokens.get();
  }

  long completionTokens() {
    return completionTokens.get();
  }

  /**
   * The 400 error body OpenAI would answer this request with before generating anything, or null: a
   * {@code response_format} when the config refuses it (an endpoint without structured output), or
   * prompt plus max_tokens over the context limit. Also used for Batch API lines.
   */
  JsonObject refusal(ChatCall call, int promptTok) {
    if (config.refuseResponseFormat() && call.responseFormat() != null) {
      return errorBody(
          "Invalid parameter: 'response_format' of type '"
              + call.responseFormat().get("type").getAsString()
              + "' is not supported with this model.",
          "invalid_request_error",
          "response_format",
          null);
    }
    int requested = call.maxTokens() == null ? 0 : call.maxTokens();
    if (config.contextLimitTokens() > 0 && promptTok + requested > config.contextLimitTokens()) {
      return errorBody(
          "This model's maximum context length is "
              + config.contextLimitTokens()
              + " tokens. However, you requested "
              + (promptTok + requested)
              + " tokens ("
              + promptTok
              + " in the messages, "
              + requested
              + " in the completion). Please reduce"
              + " the length of the messages or completion.",
          "invalid_request_error",
          "messages",
          "context_length_exceeded");
    }
    return null;
  }

  static JsonObject errorBody(String message, String type, String param, String code) {
    JsonObject e = new JsonObject();
    e.addProperty("message", message);
    e.addProperty("type", type);
    if (param == null) {
      e.add("param", JsonNull.INSTANCE);
    } else {
      e.addProperty("param", param);
    }
    e.addProperty("code", code);
    JsonObject o = new JsonObject();
    o.add("error", e);
    return o;
  }

  /**
   * The deterministic completion of a parsed request (also used for Batch API lines): the same
   * model, messages and sampling parameters always give the same content.
   */
  JsonObject completion(byte[] body, ChatCall call, int promptTok) {
    long seed = call.contentSeed() ^ config.seed();
    Pick pick = new Pick(new SplittableRandom(seed));
    String user = call.lastUserMessage();
    int first = InstructionWriter.firstNumber(user);
    String content;
    if (first >= 0 && call.wantsJsonSchema()) {
      // Structured output: the tasks as the schema's JSON object; the count from "List of N
      // tasks:".
      int count = InstructionWriter.structuredTaskCount(user, first);
      content =
          new InstructionWriter(pick, config.defectRate(), config.inputWords())
              .writeJson(user, count);
    } else if (first >= 0) {
      int count = InstructionWriter.taskCount(first, call.stop());
      content =
          new InstructionWriter(pick, config.defectRate(), config.inputWords())
              .write(user, first, count);
    } else {
      content = new ResponseWriter(pick, config.defectRate()).write(call.systemMessage(), user);
    }
    String finish = "stop";
    int cut = content.length();
    for (String s : call.stop()) {
      int at = s.isEmpty() ? -1 : content.indexOf(s);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    content = content.substring(0, cut);
    if (call.maxTokens() != null && Tokens.count(content) > call.maxTokens()) {
      content = Tokens.truncate(content, call.maxTokens());
      finish = "length";
    }
    int completionTok = Tokens.count(content);
    JsonObject msg = new JsonObject();
    msg.addProperty("role", "assistant");
    msg.addProperty("content", content);
    JsonObject choice = new JsonObject();
    choice.addProperty("index", 0);
    choice.add("message", msg);
    choice.addProperty("finish_reason", finish);
    JsonArray choices = new JsonArray();
    choices.add(choice);
    JsonObject usage = new JsonObject();
    usage.addProperty("prompt_tokens", promptTok);
    usage.addProperty("completion_tokens", completionTok);
    usage.addProperty("total_tokens", promptTok + completionTok);
    JsonObject out = new JsonObject();
    out.addProperty("id", "chatcmpl-" + Long.toHexString(seed));
    out.addProperty("object", "chat.completion");
    out.addProperty("created", System.currentTimeMillis() / 1000);
    out.addProperty("model", call.model());
    out.add("choices", choices);
    out.add("usage", usage);
    out.addProperty("system_fingerprint", "fp_simulated");
    completions.incrementAndGet();
    promptTokens.addAndGet(promptTok);
    completionTokens.addAndGet(completionTok);
    if (!answeredBodies.add(sha256Hex(body))) {
      duplicates.incrementAndGet();
    }
    return out;
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
