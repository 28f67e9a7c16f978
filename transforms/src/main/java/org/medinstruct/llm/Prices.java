package org.medinstruct.llm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USD per one million prompt and completion tokens by model. The built-in values are OpenAI list
 * prices as of 2024 and may be outdated; a JSON {@code pricesFile} such as
 * {@code {"gpt-4": {"prompt": 30, "completion": 60}}} overrides or extends them. Unknown models cost
 * 0 and are warned about once.
 */
public final class Prices implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(Prices.class);
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  /** USD per 1M tokens. */
  public record Price(double promptPerMillion, double completionPerMillion) implements Serializable {}

  private final Map<String, Price> byModel;

  private Prices(Map<String, Price> byModel) {
    this.byModel = Map.copyOf(byModel);
  }

  public static Prices defaults() {
    Map<String, Price> m = new HashMap<>();
    m.put("gpt-4", new Price(30, 60));
    m.put("gpt-4-0613", new Price(30, 60));
    m.put("gpt-4-32k", new Price(60, 120));
    m.put("gpt-4-turbo", new Price(10, 30));
    m.put("gpt-4-1106-preview", new Price(10, 30));
    m.put("gpt-4o", new Price(2.5, 10));
    m.put("gpt-4o-mini", new Price(0.15, 0.6));
    m.put("gpt-4.1", new Price(2, 8));
    m.put("gpt-4.1-mini", new Price(0.4, 1.6));
    m.put("gpt-3.5-turbo", new Price(0.5, 1.5));
    m.put("gpt-3.5-turbo-0613", new Price(1.5, 2));
    m.put("gpt-3.5-turbo-16k", new Price(3, 4));
    return new Prices(m);
  }

  /** The defaults, overridden and extended by {@code pricesFile} when it is set. */
  public static Prices load(String pricesFile) {
    Prices base = defaults();
    if (pricesFile == null || pricesFile.isBlank()) {
      return base;
    }
    Map<String, Price> m = new HashMap<>(base.byModel);
    String text;
    try {
      text = Files.readString(Path.of(pricesFile), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read prices file " + pricesFile + ": " + e.getMessage(), e);
    }
    JsonObject root;
    try {
      root = JsonParser.parseString(text).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("prices file " + pricesFile + " is not a JSON object: " + e.getMessage(), e);
    }
    for (Map.Entry<String, JsonElement> e : root.entrySet()) {
      try {
        JsonObject p = e.getValue().getAsJsonObject();
        double prompt = p.get("prompt").getAsDouble();
        double completion = p.get("completion").getAsDouble();
        if (prompt < 0 || completion < 0) {
          throw new IllegalArgumentException("negative price");
        }
        m.put(e.getKey(), new Price(prompt, completion));
      } catch (RuntimeException ex) {
        throw new IllegalArgumentException(
            "prices file " + pricesFile + ", model \"" + e.getKey()
                + "\": expected {\"prompt\": <USD per 1M>, \"completion\": <USD per 1M>}", ex);
      }
    }
    return new Prices(m);
  }

  /** Whether this table (or a dated variant's prefix) has a price for the model. */
  public boolean knows(String model) {
    String key = model == null ? "" : model.toLowerCase(Locale.ROOT);
    if (byModel.containsKey(key)) {
      return true;
    }
    for (String known : byModel.keySet()) {
      if (key.startsWith(known + "-")) {
        return true;
      }
    }
    return false;
  }

  /** The price of a model; dated variants ("gpt-4o-2024-08-06") fall back to the longest known prefix. */
  public Price priceOf(String model) {
    String key = model == null ? "" : model.toLowerCase(Locale.ROOT);
    Price exact = byModel.get(key);
    if (exact != null) {
      return exact;
    }
    String best = null;
    for (String known : byModel.keySet()) {
      if (key.startsWith(known + "-") && (best == null || known.length() > best.length())) {
        best = known;
      }
    }
    if (best != null) {
      return byModel.get(best);
    }
    if (WARNED.add(key)) {
      LOG.warn("No price known for model '{}': its cost counts as 0 (add it to a prices file)", model);
    }
    return new Price(0, 0);
  }

  public double cost(String model, long promptTokens, long completionTokens) {
    Price p = priceOf(model);
    return (promptTokens * p.promptPerMillion() + completionTokens * p.completionPerMillion()) / 1e6;
  }

  /** The worst-case cost of a request before sending it: estimated prompt tokens + all of max_tokens. */
  public double worstCase(ChatRequest r) {
    long promptEstimate = RateLimiter.estimateTokens(r) - Math.max(0, r.maxTokens());
    return cost(r.model(), promptEstimate, Math.max(0, r.maxTokens()));
  }

  /**
   * A dry-run estimate in USD: {@code requests × (promptTokens × prompt price + completionTokens ×
   * completion price)}. Pass max_tokens as completionTokens for an upper bound.
   */
  public static double estimateUsd(
      Prices prices, String model, long requests, long promptTokensPerRequest, long completionTokensPerRequest) {
    return requests * prices.cost(model, promptTokensPerRequest, completionTokensPerRequest);
  }
}
