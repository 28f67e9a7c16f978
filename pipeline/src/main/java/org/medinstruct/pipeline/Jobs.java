package org.medinstruct.pipeline;

import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.medinstruct.llm.Prices;

/**
 * Runs the Beam jobs of one command run, one after another, under one live progress line, and
 * keeps the HTTP counters of all of them.
 */
final class Jobs implements AutoCloseable {
  private final ProgressPrinter progress;
  private final String progressDir;
  private final Map<String, Long> http = new TreeMap<>();
  private int count;

  Jobs(String progressDir, String pricesFile, PrintStream out) {
    this.progressDir = progressDir;
    this.progress = new ProgressPrinter(progressDir, Prices.load(pricesFile), out, RunOutcome.PROGRESS_SECONDS);
  }

  /** Runs {@code p} to the end; a job that does not finish DONE is an error. */
  PipelineResult run(Pipeline p) {
    PipelineResult result = p.run();
    PipelineResult.State state = result.waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("pipeline ended in state " + state);
    }
    count++;
    RunOutcome.httpMetrics(result).entrySet().forEach(e -> http.merge(e.getKey(), e.getValue().getAsLong(), Long::sum));
    return result;
  }

  /** HTTP counters summed over the jobs run so far. */
  JsonObject http() {
    JsonObject o = new JsonObject();
    RunOutcome.HTTP_COUNTERS.forEach(k -> o.addProperty(k, 0L));
    http.forEach(o::addProperty);
    return o;
  }

  JsonObject stageSeconds() {
    return progress.stageSeconds();
  }

  String progressDir() {
    return progressDir;
  }

  /** Jobs run so far. */
  int count() {
    return count;
  }

  @Override
  public void close() {
    progress.close();
  }
}
