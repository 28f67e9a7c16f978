package org.medinstruct.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;

/** JSON layouts of the records the pipeline writes; one place so every file agrees. */
public final class Records {
  private Records() {}

  /** Compact, deterministic (insertion-ordered) JSON; nulls kept so every record has every key. */
  public static final Gson GSON =
      new GsonBuilder()
          .serializeNulls()
          .disableHtmlEscaping()
          .serializeSpecialFloatingPointValues()
          .create();

  /** A task's fields in snake_case, in a fixed order. */
  public static JsonObject task(MedTask t) {
    JsonObject o = new JsonObject();
    o.addProperty("id", t.id());
    o.addProperty("type", t.type());
    o.addProperty("topic", t.topic());
    o.addProperty("view", t.view());
    o.addProperty("difficulty", t.difficulty());
    o.addProperty("instruction", t.instruction());
    o.addProperty("input", t.input());
    if (t.round() > 0) {
      o.addProperty("round", t.round());
      o.addProperty("request_index", t.requestIndex());
      o.addProperty("position", t.position());
      o.add("seed_ids", strings(t.seedIds()));
    }
    return o;
  }

  public static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    if (values != null) {
      values.forEach(a::add);
    }
    return a;
  }

  /** A JSON number, or null for NaN (no nearest neighbour). */
  public static JsonElement score(double value) {
    return Double.isNaN(value) ? JsonNull.INSTANCE : new JsonPrimitive(value);
  }

  public static JsonObject rejection(Rejection r) {
    JsonObject o = new JsonObject();
    o.addProperty("stage", r.stage());
    o.addProperty("reason", r.reason());
    o.addProperty("detail", r.detail());
    o.add("record", parse(r.element()));
    return o;
  }

  public static JsonObject failure(Failure f) {
    JsonObject o = new JsonObject();
    o.addProperty("stage", f.stage());
    o.addProperty("error", f.error());
    o.addProperty("status", f.status());
    o.addProperty("retryable", f.retryable());
    o.addProperty("attempts", f.attempts());
    o.addProperty("kind", (f.kind() == null ? FailureKind.OTHER : f.kind()).label());
    o.add("record", parse(f.element()));
    return o;
  }

  public static JsonElement parse(String json) {
    return json == null ? JsonNull.INSTANCE : com.google.gson.JsonParser.parseString(json);
  }

  public static String toJson(JsonElement e) {
    return GSON.toJson(e);
  }
}
