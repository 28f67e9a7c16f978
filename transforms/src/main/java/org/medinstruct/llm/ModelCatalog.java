package org.medinstruct.llm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.medinstruct.model.UserInputException;

/**
 * The models file: per model family, the token-limit parameter, the accepted sampling parameters,
 * online and batch prices, the context window and the reasoning settings.
 *
 * <p>The shipped default ({@code org/medinstruct/llm/models.json}) is overlaid field by field by
 * {@code --modelsFile} and then by the older {@code --pricesFile} (same format; an entry may hold
 * only {@code prompt} and {@code completion}). A model resolves to its own entry, else to the
 * longest entry it starts with followed by '-', else to {@code "*"}; missing fields come from
 * {@code "*"}. A deployment map (Azure: the body's model is a deployment name) sends a name to a
 * family first. Immutable and serializable; bad files fail with the file and the entry named.
 */
public final class ModelCatalog implements Serializable {
  public static final String RESOURCE = "/org/medinstruct/llm/models.json";
  public static final String UNKNOWN = "*";
  private static final Set<String> FIELDS =
      Set.of(
          "token_limit",
          "sampling",
          "prompt",
          "completion",
          "batch_prompt",
          "batch_completion",
          "context_window",
          "reasoning_tokens",
          "reasoning_effort",
          "structured_output");

  private final Map<String, ModelSpec> families;
  private final Map<String, String> deployments;

  private ModelCatalog(Map<String, ModelSpec> families, Map<String, String> deployments) {
    this.families = Map.copyOf(families);
    this.deployments = Map.copyOf(deployments);
  }

  /** The shipped table alone. */
  public static ModelCatalog defaults() {
    return load(null, null, null);
  }

  /**
   * The shipped table overlaid by {@code modelsFile} and {@code pricesFile} (either may be null),
   * with {@code deployments} ("name=family,name2=family2", may be null) mapping names to families.
   *
   * @throws UserInputException when a file cannot be read or holds a bad entry, or a deployment
   *     names a family the table does not have
   */
  public static ModelCatalog load(String modelsFile, String pricesFile, String deployments) {
    Map<String, JsonObject> merged = new LinkedHashMap<>();
    overlay(merged, readDefault(), "the built-in models file");
    overlay(merged, readFile(modelsFile, "--modelsFile"), "--modelsFile " + modelsFile);
    overlay(merged, readFile(pricesFile, "--pricesFile"), "--pricesFile " + pricesFile);
    JsonObject fallback = merged.getOrDefault(UNKNOWN, new JsonObject());
    Map<String, ModelSpec> families = new HashMap<>();
    for (Map.Entry<String, JsonObject> e : merged.entrySet()) {
      JsonObject entry = fallback.deepCopy();
      e.getValue().entrySet().forEach(f -> entry.add(f.getKey(), f.getValue()));
      try {
        families.put(e.getKey(), spec(e.getKey(), entry, false));
      } catch (RuntimeException bad) {
        throw new UserInputException(
            "models file entry \""
                + e.getKey()
                + "\" (after applying"
                + " --modelsFile and --pricesFile): "
                + bad.getMessage(),
            bad);
      }
    }
    if (!families.containsKey(UNKNOWN)) {
      families.put(UNKNOWN, spec(UNKNOWN, new JsonObject(), false));
    }
    Map<String, String> map = parseDeployments(deployments);
    ModelCatalog catalog = new ModelCatalog(families, Map.of());
    for (Map.Entry<String, String> d : map.entrySet()) {
      if (catalog.familyKey(d.getValue()).equals(UNKNOWN)) {
        throw new UserInputException(
            "--llmDeployments: deployment \""
                + d.getKey()
                + "\" maps to \""
                + d.getValue()
                + "\", which no models-file entry matches (add it with --modelsFile)");
      }
    }
    return new ModelCatalog(families, map);
  }

  /** The spec of a model or deployment name; never null ({@code "*"} for unknown models). */
  public ModelSpec spec(String model) {
    return families.get(familyKey(resolveDeployment(model)));
  }

  /** True when the models file knows the model (it does not fall back to {@code "*"}). */
  public boolean knows(String model) {
    return !familyKey(resolveDeployment(model)).equals(UNKNOWN);
  }

  /** The context window of a model in tokens, 0 when the models file does not say. */
  public int contextWindow(String model) {
    return spec(model).contextWindow();
  }

  /**
   * Context windows for {@link PromptLimit}: the models file's, empty for models it does not size.
   */
  public PromptLimit.ContextSizes contextSizes() {
    return model -> {
      int window = contextWindow(model);
      return window > 0 ? java.util.OptionalLong.of(window) : java.util.OptionalLong.empty();
    };
  }

  private String resolveDeployment(String model) {
    String key = model == null ? "" : model.toLowerCase(Locale.ROOT);
    return deployments.getOrDefault(key, key);
  }

  private String familyKey(String model) {
    String key = model == null ? "" : model.toLowerCase(Locale.ROOT);
    if (families.containsKey(key) && !key.equals(UNKNOWN)) {
      return key;
    }
    String best = null;
    for (String known : families.keySet()) {
      if (!known.equals(UNKNOWN)
          && key.startsWith(known + "-")
          && (best == null || known.length() > best.length())) {
        best = known;
      }
    }
    return best == null ? UNKNOWN : best;
  }

  private static void overlay(Map<String, JsonObject> merged, JsonObject root, String source) {
    if (root == null) {
      return;
    }
    for (Map.Entry<String, JsonElement> e : root.entrySet()) {
      String name = e.getKey();
      if (name.startsWith("_")) {
        continue;
      }
      if (!e.getValue().isJsonObject()) {
        throw new UserInputException(
            source
                + ", model \""
                + name
                + "\": expected an object such as"
                + " {\"prompt\": <USD per 1M>, \"completion\": <USD per 1M>}");
      }
      JsonObject entry = e.getValue().getAsJsonObject();
      for (String field : entry.keySet()) {
        if (!FIELDS.contains(field)) {
          throw new UserInputException(
              source
                  + ", model \""
                  + name
                  + "\": unknown field \""
                  + field
                  + "\" (known: "
                  + String.join(", ", new java.util.TreeSet<>(FIELDS))
                  + ")");
        }
      }
      try {
        spec(name, entry, true);
      } catch (RuntimeException bad) {
        throw new UserInputException(source + ", model \"" + name + "\": " + bad.getMessage(), bad);
      }
      JsonObject into =
          merged.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new JsonObject());
      entry.entrySet().forEach(f -> into.add(f.getKey(), f.getValue()));
    }
  }

  /**
   * Parses an entry; a partial one (an override of some fields) may lack fields that go together.
   */
  private static ModelSpec spec(String name, JsonObject o, boolean partial) {
    ModelSpec.TokenLimit limit = ModelSpec.TokenLimit.MAX_TOKENS;
    if (o.has("token_limit")) {
      String field = o.get("token_limit").getAsString();
      limit = null;
      for (ModelSpec.TokenLimit t : ModelSpec.TokenLimit.values()) {
        if (t.field.equals(field)) {
          limit = t;
        }
      }
      if (limit == null) {
        throw new IllegalArgumentException(
            "token_limit must be max_tokens or max_completion_tokens, got " + field);
      }
    }
    Set<ModelSpec.Sampling> sampling = EnumSet.noneOf(ModelSpec.Sampling.class);
    if (o.has("sampling")) {
      JsonArray a = o.getAsJsonArray("sampling");
      for (JsonElement s : a) {
        ModelSpec.Sampling known = ModelSpec.Sampling.ofField(s.getAsString());
        if (known == null) {
          throw new IllegalArgumentException(
              "sampling accepts temperature, top_p, presence_penalty, frequency_penalty, stop; got "
                  + s);
        }
        sampling.add(known);
      }
    }
    Prices.Price online = null;
    Prices.Price batch = null;
    if (partial) {
      for (String price : List.of("prompt", "completion", "batch_prompt", "batch_completion")) {
        if (o.has(price)) {
          nonNegative(o, price);
        }
      }
    } else if (o.has("prompt") || o.has("completion")) {
      if (!o.has("prompt") || !o.has("completion")) {
        throw new IllegalArgumentException("give both prompt and completion (USD per 1M tokens)");
      }
      online = new Prices.Price(nonNegative(o, "prompt"), nonNegative(o, "completion"));
      batch =
          new Prices.Price(
              o.has("batch_prompt")
                  ? nonNegative(o, "batch_prompt")
                  : online.promptPerMillion() / 2,
              o.has("batch_completion")
                  ? nonNegative(o, "batch_completion")
                  : online.completionPerMillion() / 2);
    } else if (o.has("batch_prompt") || o.has("batch_completion")) {
      throw new IllegalArgumentException(
          "batch prices need online prices (prompt, completion) too");
    }
    int context = o.has("context_window") ? o.get("context_window").getAsInt() : 0;
    int reasoning = o.has("reasoning_tokens") ? o.get("reasoning_tokens").getAsInt() : 0;
    if (context < 0 || reasoning < 0) {
      throw new IllegalArgumentException(
          "context_window and reasoning_tokens must not be negative");
    }
    String effort =
        o.has("reasoning_effort") && !o.get("reasoning_effort").isJsonNull()
            ? o.get("reasoning_effort").getAsString()
            : null;
    boolean structured = !o.has("structured_output") || o.get("structured_output").getAsBoolean();
    return new ModelSpec(
        name, limit, Set.copyOf(sampling), online, batch, context, reasoning, effort, structured);
  }

  private static double nonNegative(JsonObject o, String field) {
    double v = o.get(field).getAsDouble();
    if (v < 0 || Double.isNaN(v)) {
      throw new IllegalArgumentException(field + " must not be negative");
    }
    return v;
  }

  static Map<String, String> parseDeployments(String spec) {
    Map<String, String> m = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return m;
    }
    for (String pair : spec.split(",")) {
      String[] kv = pair.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
        throw new UserInputException(
            "--llmDeployments: expected deployment=model-family pairs separated by commas, got \""
                + pair
                + "\"");
      }
      m.put(kv[0].strip().toLowerCase(Locale.ROOT), kv[1].strip().toLowerCase(Locale.ROOT));
    }
    return m;
  }

  private static JsonObject readDefault() {
    try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .getAsJsonObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + RESOURCE, e);
    }
  }

  private static JsonObject readFile(String file, String option) {
    if (file == null || file.isBlank()) {
      return null;
    }
    String text;
    try {
      text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserInputException(option + ": cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return JsonParser.parseString(text).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new UserInputException(
          option + ": " + file + " is not a JSON object: " + e.getMessage(), e);
    }
  }
}
