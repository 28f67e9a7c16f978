package org.medinstruct.pipeline.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Null-safe reads of optional fields: older runs lack some, and the report says "n/a". */
final class Json {
  private Json() {}

  /** The element at a dotted path ("counts.accepted"), or null when any step is absent or null. */
  static JsonElement at(JsonObject o, String path) {
    JsonElement cur = o;
    for (String step : path.split("\\.")) {
      if (cur == null || !cur.isJsonObject()) {
        return null;
      }
      cur = cur.getAsJsonObject().get(step);
    }
    return cur == null || cur.isJsonNull() ? null : cur;
  }

  static Double num(JsonObject o, String path) {
    JsonElement e = at(o, path);
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      return null;
    }
    return e.getAsDouble();
  }

  static Long count(JsonObject o, String path) {
    Double d = num(o, path);
    return d == null ? null : Math.round(d);
  }

  static String str(JsonObject o, String path) {
    JsonElement e = at(o, path);
    if (e == null || !e.isJsonPrimitive()) {
      return null;
    }
    return e.getAsString();
  }

  static JsonObject obj(JsonObject o, String path) {
    JsonElement e = at(o, path);
    return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
  }
}
