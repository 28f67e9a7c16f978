package org.medinstruct.pipeline;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.medinstruct.llm.Prices;
import org.medinstruct.progress.StopMarker;

/**
 * Runs the Beam jobs of one command run, one after another, under one live progress line, and keeps
 * the HTTP counters of all of them. A worker's stop marker (a systemic endpoint failure) cancels
 * the job and ends the run with the {@link EndpointStop} message.
 */
final class Jobs implements AutoCloseable {
  private final ProgressPrinter progress;
  private final String progressDir;
  private final String output;
  private final Map<String, Long> http = new TreeMap<>();

  /**
   * Opens the run's progress board. A local progress directory is created now and removed by {@link
   * #close}: while it exists the run is live, which is how a worker JVM that keeps per-run LLM
   * state across jobs (see {@code ChatClients}) tells a finished run from one between rounds.
   */
  Jobs(String progressDir, Prices prices, boolean simulated, String output, PrintStream out) {
    this.progressDir = progressDir;
    this.output = output;
    if (!progressDir.contains("://")) {
      try {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(progressDir));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot create " + progressDir, e);
      }
    }
    this.progress =
        new ProgressPrinter(progressDir, prices, out, RunOutcome.PROGRESS_SECONDS, simulated);
  }

  /** True when the launcher marked the run as served by the built-in simulated endpoint. */
  static boolean simulated(PipelineOptions options) {
    return Endpoint.SIMULATED.equals(
        options.as(org.medinstruct.pipeline.options.LlmOptions.class).getEndpointLabel());
  }

  /**
   * Runs a command that is one job: {@code build} adds it to the pipeline, writing its records as
   * shards into the directory it is given; then the shards are joined into the dataset and
   * summary.json is completed.
   */
  static JsonObject runSingle(
      PipelineOptions options,
      String output,
      long target,
      SummaryContext context,
      String progressDir,
      Prices prices,
      long startedMillis,
      PrintStream out,
      BiConsumer<Pipeline, String> build)
      throws IOException {
    ShardFiles work = ShardFiles.under(output);
    try (Jobs jobs = new Jobs(progressDir, prices, simulated(options), output, out)) {
      Pipeline p = Pipeline.create(options);
      build.accept(p, work.job());
      jobs.run(p);
      WriteDataset.join(List.of(work.job()), List.of(), output, target, context);
      return RunOutcome.finish(output, startedMillis, out, jobs);
    } finally {
      work.delete();
    }
  }

  /** Runs {@code p} to the end; a job that does not finish DONE is an error. */
  PipelineResult run(Pipeline p) {
    String runner =
        p.getOptions().getRunner() == null ? "" : p.getOptions().getRunner().getSimpleName();
    PipelineResult result;
    try {
      result = RunOutcome.runWatchingForStop(p, progressDir, output, runner);
      JobEnd.requireDone(result, p.getOptions());
    } catch (RuntimeException e) {
      JsonObject marker = StopMarker.read(progressDir);
      if (marker != null && !(e instanceof org.medinstruct.model.EndpointException)) {
        throw EndpointStop.exception(marker, runner, output);
      }
      throw e;
    }
    JsonObject marker = StopMarker.read(progressDir);
    if (marker != null) {
      throw EndpointStop.exception(marker, runner, output);
    }
    RunOutcome.httpMetrics(result, Map.of())
        .entrySet()
        .forEach(e -> http.merge(e.getKey(), e.getValue().getAsLong(), Long::sum));
    return result;
  }

  /**
   * HTTP counters of the jobs run so far: per counter the larger of the Beam metrics summed over
   * the jobs and the workers' progress files (which count over the whole run; the only source on
   * runners whose metrics do not reach the launcher, such as Flink's session clusters).
   */
  JsonObject http() {
    Map<String, Long> totals = new TreeMap<>(http);
    RunOutcome.HTTP_COUNTERS.forEach(k -> totals.putIfAbsent(k, 0L));
    progress.httpTotals().forEach((name, v) -> totals.merge(name, v, Math::max));
    JsonObject o = new JsonObject();
    totals.forEach(o::addProperty);
    return o;
  }

  /** Names the jobs that follow on the live progress bar (for example "round 2"). */
  void label(String text) {
    progress.label(text);
  }

  /**
   * What the run does after its jobs, for the live progress bar (for example "writing
   * report.html").
   */
  void activity(String text) {
    progress.activity(text);
  }

  JsonObject stageSeconds() {
    return progress.stageSeconds();
  }

  String progressDir() {
    return progressDir;
  }

  /**
   * Ends the run's progress board: this JVM's writers stop, and the local progress directory is
   * removed, whether the run finished, failed or was stopped.
   */
  @Override
  public void close() {
    progress.close();
    org.medinstruct.progress.Progress.close(progressDir);
    RunOutcome.deleteLocalTree(progressDir);
  }
}
