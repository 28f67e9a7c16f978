package org.medinstruct.sim;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's medical vocabulary, from the resource {@code vocabulary.json}. Large on purpose:
 * the number of distinct combinations keeps ROUGE-L collisions between unrelated generated
 * instructions rare, as with a real model.
 */
final class MedVocab {
  private MedVocab() {}

  private static final JsonObject DATA = SimData.load("vocabulary.json");

  static final List<Condition> CONDITIONS = conditions();

  /** {name, class, use, adverse effect}. */
  static final List<String[]> DRUGS = drugs();

  static final List<String> POPULATIONS = list("populations");
  static final List<String> SETTINGS = list("settings");
  static final List<String> AUDIENCES = list("audiences");
  static final List<String> DOC_TYPES = list("docTypes");
  static final List<String> ASPECTS = list("aspects");
  static final List<String> ANATOMY = list("anatomy");
  static final List<String> FOCUSES = list("focuses");
  static final List<String> RELATIVES = list("relatives");

  private static List<String> list(String name) {
    return SimData.strings(DATA.getAsJsonArray(name));
  }

  private static List<Condition> conditions() {
    List<Condition> out = new ArrayList<>();
    for (JsonElement e : DATA.getAsJsonArray("conditions")) {
      JsonObject c = e.getAsJsonObject();
      out.add(
          new Condition(
              c.get("name").getAsString(),
              c.get("topic").getAsString(),
              SimData.strings(c.getAsJsonArray("symptoms")),
              SimData.strings(c.getAsJsonArray("findings")),
              c.get("drug").getAsString(),
              c.get("test").getAsString(),
              c.get("complication").getAsString()));
    }
    return List.copyOf(out);
  }

  private static List<String[]> drugs() {
    List<String[]> out = new ArrayList<>();
    for (JsonElement e : DATA.getAsJsonArray("drugs")) {
      JsonObject d = e.getAsJsonObject();
      out.add(
          new String[] {
            d.get("name").getAsString(),
            d.get("class").getAsString(),
            d.get("use").getAsString(),
            d.get("adverseEffect").getAsString()
          });
    }
    return List.copyOf(out);
  }
}
