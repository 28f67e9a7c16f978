package org.medinstruct.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the simulator's data (vocabulary, task templates), which are JSON resources under {@code
 * org/medinstruct/sim/}, once at class initialization. Lists keep their order: every random draw
 * indexes into them, so the order fixes the generated text for a given seed.
 */
final class SimData {
  private SimData() {}

  /** The JSON object in resource {@code name} beside this class; fails if missing or malformed. */
  static JsonObject load(String name) {
    try (InputStream in = SimData.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing simulator resource org/medinstruct/sim/" + name);
      }
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read simulator resource " + name, e);
    }
  }

  /** An unmodifiable list of the strings of a JSON array, in order. */
  static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>(array.size());
    for (JsonElement e : array) {
      out.add(e.getAsString());
    }
    return List.copyOf(out);
  }
}
