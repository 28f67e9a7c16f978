package org.medinstruct.llm;

import java.io.Serializable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USD per one million prompt and completion tokens by model, read from the models file ({@link
 * ModelCatalog}: the shipped table, {@code --modelsFile}, then {@code --pricesFile} such as {@code
 * {"gpt-4": {"prompt": 30, "completion": 60}}}). A model without a price costs 0 and is warned
 * about once; with {@code --maxCostUsd} set, an unpriced model is refused before anything is sent
 * (see {@link #requirePriced}).
 */
public final class Prices implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(Prices.class);
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
  private static final Price FREE = new Price(0, 0);

  /** USD per 1M tokens. */
  public record Price(double promptPerMillion, double completionPerMillion)
      implements Serializable {}

  private final ModelCatalog catalog;

  /** Whether {@link #cost(String, long, long)} uses Batch API prices. */
  private final boolean batch;

  private Prices(ModelCatalog catalog) {
    this(catalog, false);
  }

  private Prices(ModelCatalog catalog, boolean batch) {
    this.catalog = catalog;
    this.batch = batch;
  }

  /** The same table whose default cost is at Batch API prices (for --llmMode=batch). */
  public Prices atBatchPrices() {
    return new Prices(catalog, true);
  }

  /** True when {@link #cost(String, long, long)} is at Batch API prices. */
  public boolean batchPrices() {
    return batch;
  }

  public static Prices of(ModelCatalog catalog) {
    return new Prices(catalog);
  }

  public static Prices defaults() {
    return new Prices(ModelCatalog.defaults());
  }

  /** The shipped table, overridden and extended by {@code pricesFile} when it is set. */
  public static Prices load(String pricesFile) {
    return new Prices(ModelCatalog.load(null, pricesFile, null));
  }

  public ModelCatalog catalog() {
    return catalog;
  }

  /** Whether the models file has a price for the model (or a dated variant's family). */
  public boolean knows(String model) {
    return isPriced(model);
  }

  /** True when the models file has a price for the model (or its deployment's family). */
  public boolean isPriced(String model) {
    return catalog.spec(model).priced();
  }

  /**
   * Refuses a budget that could not hold: with {@code maxCostUsd > 0}, every model must have a
   * price.
   *
   * @throws org.medinstruct.model.UserInputException naming the model and how to price it
   */
  public void requirePriced(double maxCostUsd, String... models) {
    if (maxCostUsd <= 0) {
      return;
    }
    for (String model : models) {
      if (model != null && !isPriced(model)) {
        throw new org.medinstruct.model.UserInputException(
            "--maxCostUsd="
                + maxCostUsd
                + " cannot be enforced: model \""
                + model
                + "\" has no price."
                + " Add {\""
                + model
                + "\": {\"prompt\": <USD per 1M>, \"completion\": <USD per 1M>}} to a --modelsFile"
                + " (or --pricesFile), or map an Azure deployment to a priced family with"
                + " --llmDeployments="
                + model
                + "=<family>");
      }
    }
  }

  /** The online price of a model; dated variants ("gpt-4o-2024-08-06") use their family's. */
  public Price priceOf(String model) {
    return priceOf(model, false);
  }

  /** The online or Batch API price of a model; 0 (warned once) when it has none. */
  public Price priceOf(String model, boolean batch) {
    ModelSpec spec = catalog.spec(model);
    Price p = batch ? spec.batch() : spec.online();
    if (p != null) {
      return p;
    }
    if (WARNED.add(String.valueOf(model))) {
      LOG.warn(
          "No price known for model '{}': its cost counts as 0 (add it to a --modelsFile)", model);
    }
    return FREE;
  }

  /** The cost at this table's default prices (online, or batch after {@link #atBatchPrices()}). */
  public double cost(String model, long promptTokens, long completionTokens) {
    return cost(model, promptTokens, completionTokens, batch);
  }

  public double cost(String model, long promptTokens, long completionTokens, boolean batch) {
    Price p = priceOf(model, batch);
    return (promptTokens * p.promptPerMillion() + completionTokens * p.completionPerMillion())
        / 1e6;
  }

  /**
   * The worst-case cost of a request before sending it: estimated prompt tokens + the whole
   * completion limit actually sent (for reasoning models that includes the reasoning room).
   */
  public double worstCase(ChatRequest r) {
    return worstCase(r, batch);
  }

  /** {@link #worstCase(ChatRequest)} at online or Batch API prices. */
  public double worstCase(ChatRequest r, boolean batch) {
    long promptEstimate = RateLimiter.estimateTokens(r) - Math.max(0, r.maxTokens());
    long completion = catalog.spec(r.model()).completionLimit(Math.max(0, r.maxTokens()));
    return cost(r.model(), promptEstimate, completion, batch);
  }

  /**
   * A dry-run estimate in USD: {@code requests × (promptTokens × prompt price + completionTokens ×
   * completion price)}. Pass max_tokens as completionTokens for an upper bound.
   */
  public static double estimateUsd(
      Prices prices,
      String model,
      long requests,
      long promptTokensPerRequest,
      long completionTokensPerRequest) {
    return requests * prices.cost(model, promptTokensPerRequest, completionTokensPerRequest);
  }
}
