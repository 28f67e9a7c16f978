package org.medinstruct.pipeline;

import java.io.Serializable;
import java.util.List;
import org.medinstruct.llm.ModelCatalog;
import org.medinstruct.llm.Prices;
import org.medinstruct.pipeline.options.GenerateOptions;
import org.medinstruct.pipeline.options.RespondOptions;

/**
 * The run facts summary.json states besides what the records say. {@code stopDir} is the run's
 * progress directory: the writer writes nothing when a {@link org.medinstruct.progress.StopMarker}
 * is there.
 */
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
    String method,
    String endpoint,
    long requestedSize,
    String stopDir,
    String modelsFile,
    String deployments,
    boolean batchMode)
    implements Serializable {

  /** The prices summary.json uses: the models file with this run's overrides, batch or online. */
  Prices prices() {
    Prices p = Prices.of(ModelCatalog.load(modelsFile, pricesFile, deployments));
    return batchMode ? p.atBatchPrices() : p;
  }

  /** True when the built-in simulated endpoint (a test double) served the run. */
  public boolean simulated() {
    return Endpoint.SIMULATED.equals(endpoint);
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
        "generate",
        o.getMaxRounds(),
        o.getSeed(),
        o.getInstructionModel(),
        o.getResponseModel(),
        o.getTasksPerRequest(),
        REQUESTED_FORMATS,
        o.getPricesFile(),
        o.getMaxCostUsd(),
        o.getMethod(),
        o.getEndpointLabel(),
        o.getTargetInstructions(),
        null,
        o.getModelsFile(),
        o.getLlmDeployments(),
        Endpoint.batchMode(o));
  }

  static SummaryContext forRespond(RespondOptions o) {
    return new SummaryContext(
        "respond",
        0,
        0,
        null,
        o.getResponseModel(),
        0,
        List.of(),
        o.getPricesFile(),
        o.getMaxCostUsd(),
        null,
        o.getEndpointLabel(),
        0,
        null,
        o.getModelsFile(),
        o.getLlmDeployments(),
        Endpoint.batchMode(o));
  }

  /** The same facts; the writer checks {@code dir} for a stop marker before writing. */
  SummaryContext withStopDir(String dir) {
    return new SummaryContext(
        command,
        maxRounds,
        seed,
        instructionModel,
        responseModel,
        tasksPerRequest,
        requestedFormats,
        pricesFile,
        maxCostUsd,
        method,
        endpoint,
        requestedSize,
        dir,
        modelsFile,
        deployments,
        batchMode);
  }
}
