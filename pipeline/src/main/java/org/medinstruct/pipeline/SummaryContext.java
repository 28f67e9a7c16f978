package org.medinstruct.pipeline;

import java.io.Serializable;
import java.util.List;
import org.medinstruct.llm.ModelCatalog;
import org.medinstruct.llm.Prices;
import org.medinstruct.pipeline.options.GenerateOptions;
import org.medinstruct.pipeline.options.RespondOptions;

/** The run facts summary.json states besides what the records say. */
public record SummaryContext(
    String command,
    int maxRounds,
    long seed,
    String instructionModel,
    String responseModel,
    int tasksPerRequest,
    List<String> requestedFormats,
    String pricesFile,
    double maxCostUsd,
    String modelsFile,
    String deployments,
    boolean batchMode)
    implements Serializable {

  /** The prices summary.json uses: the models file with this run's overrides, batch or online. */
  Prices prices() {
    Prices p = Prices.of(ModelCatalog.load(modelsFile, pricesFile, deployments));
    return batchMode ? p.atBatchPrices() : p;
  }

  /** The task formats the generation prompt asks for (AlpaCare's list). */
  public static final List<String> REQUESTED_FORMATS =
      List.of(
          "Text generation",
          "Open Q&A",
          "Chat",
          "Rewrite",
          "Summarization",
          "Classification",
          "USMLE-style Q&A",
          "Multiple-choice Q&A",
          "Single-hop reasoning",
          "Multi-hop reasoning");

  static SummaryContext forGenerate(GenerateOptions o) {
    return new SummaryContext(
        "generate", o.getMaxRounds(), o.getSeed(), o.getInstructionModel(), o.getResponseModel(),
        o.getTasksPerRequest(), REQUESTED_FORMATS, o.getPricesFile(), o.getMaxCostUsd(),
        o.getModelsFile(), o.getLlmDeployments(), Endpoint.batchMode(o));
  }

  static SummaryContext forRespond(RespondOptions o) {
    return new SummaryContext(
        "respond", 0, 0, null, o.getResponseModel(), 0, List.of(), o.getPricesFile(), o.getMaxCostUsd(),
        o.getModelsFile(), o.getLlmDeployments(), Endpoint.batchMode(o));
  }
}
