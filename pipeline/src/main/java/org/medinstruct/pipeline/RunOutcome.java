package org.medinstruct.pipeline;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.medinstruct.model.EndpointException;
import org.medinstruct.model.ExitStatus;
import org.medinstruct.model.Records;
import org.medinstruct.model.RunStatusException;
import org.medinstruct.model.UserInputException;
import org.medinstruct.progress.StopMarker;

/** Runs a pipeline watching for a systemic stop, then completes and prints summary.json. */
final class RunOutcome {
  private RunOutcome() {}

  /** The output must be a directory or not exist yet; it is created only by the final write. */
  static void checkOutput(String output) {
    if (output == null || output.isBlank()) {
      throw new UserInputException("--output is required");
    }
    if (!output.contains("://") && Files.isRegularFile(Path.of(output))) {
      throw new UserInputException("--output: " + output + " is a file, not a directory");
    }
  }

  /** A fresh directory for this run's live progress files: under the journal, else the temp dir. */
  static String progressDir(String cacheDir) {
    String run =
        "run-"
            + System.currentTimeMillis()
            + "-"
            + java.util.UUID.randomUUID().toString().substring(0, 6);
    if (cacheDir == null || cacheDir.isBlank()) {
      return Path.of(System.getProperty("java.io.tmpdir"), "medinstruct-progress", run).toString();
    }
    return cacheDir.replaceAll("/+$", "") + "/progress/" + run;
  }

  /**
   * Completes summary.json (which {@link WriteDataset#join} wrote) with the run's times, the HTTP
   * counters and the seconds per stage of all its jobs, prints it and writes the report; a run
   * whose status is not ok then ends in a {@link RunStatusException}.
   */
  static JsonObject finish(String output, long startedMillis, PrintStream out, Jobs jobs)
      throws IOException {
    long finishedMillis = System.currentTimeMillis();
    ResourceId dir = FileSystems.matchNewResource(output, true);
    ResourceId summaryFile = dir.resolve("summary.json", StandardResolveOptions.RESOLVE_FILE);
    JsonObject summary;
    try (var in = Channels.newInputStream(FileSystems.open(summaryFile))) {
      summary =
          JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
              .getAsJsonObject();
    }
    Summary.complete(summary, startedMillis, finishedMillis, jobs.http(), jobs.stageSeconds());
    deleteLocalTree(jobs.progressDir());
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "summary.json",
        Records.GSON.newBuilder().setPrettyPrinting().create().toJson(summary) + "\n");
    WriteDataset.writeAtomically(output, files);
    printSummary(summary, output, out);
    if (!output.contains("://")) {
      jobs.activity("writing report.html");
      Path report = org.medinstruct.pipeline.report.ReportWriter.write(Path.of(output));
      out.println("report: " + report);
    }
    ExitStatus status = statusOf(summary);
    if (status != ExitStatus.OK) {
      throw new RunStatusException(status, summary.get("status_reason").getAsString());
    }
    return summary;
  }

  static ExitStatus statusOf(JsonObject summary) {
    String label =
        summary.has("status") ? summary.get("status").getAsString() : ExitStatus.OK.label();
    for (ExitStatus s : ExitStatus.values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    return ExitStatus.FAILED;
  }

  /**
   * Runs the pipeline; while it runs, a worker's stop marker in {@code progressDir} cancels it (the
   * Direct Runner's run does not block here, nor does Flink's on a session cluster, where the
   * launcher submits detached; runners whose run blocks until the job ends find every later request
   * failed fast and the writer writing nothing), then an {@link EndpointException} names the cause.
   */
  static PipelineResult runWatchingForStop(
      Pipeline p, String progressDir, String output, String runner) {
    p.getOptions().as(org.apache.beam.runners.direct.DirectOptions.class).setBlockOnRun(false);
    Thread watcher = new Thread(() -> cancelOnStop(p, progressDir), "medinstruct-stop-watcher");
    watcher.setDaemon(true);
    watcher.start();
    PipelineResult result;
    try {
      result = p.run();
    } finally {
      watcher.interrupt();
    }
    long nextStallCheck = System.nanoTime() + STALL_CHECK_MILLIS * 1_000_000L;
    while (true) {
      if (endedWithin(result, STOP_POLL_MILLIS)) {
        return result;
      }
      if (System.nanoTime() - nextStallCheck >= 0) {
        nextStallCheck = System.nanoTime() + STALL_CHECK_MILLIS * 1_000_000L;
        failIfStalled(p.getOptions());
      }
      JsonObject marker = StopMarker.read(progressDir);
      if (marker != null) {
        try {
          result.cancel();
        } catch (IOException | RuntimeException e) {
          // The job ends on its own: every later request fails fast and nothing is written.
        }
        throw EndpointStop.exception(marker, runner, output);
      }
    }
  }

  /**
   * Cancels the job and ends the run (exit 1) when the runner's hook says it can never go on: a job
   * waiting for task slots that no TaskManager offers would otherwise be waited for without end.
   */
  private static void failIfStalled(org.apache.beam.sdk.options.PipelineOptions options) {
    String why = Launch.stalled(options);
    if (why != null) {
      Launch.cancel(options);
      throw new RunStatusException(ExitStatus.FAILED, why);
    }
  }

  /**
   * While run() blocks (Flink), cancels the job through the launcher's hook once a marker appears.
   */
  private static void cancelOnStop(Pipeline p, String progressDir) {
    try {
      while (StopMarker.read(progressDir) == null) {
        Thread.sleep(STOP_POLL_MILLIS);
      }
      Launch.cancel(p.getOptions());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How often the launcher looks for a stop marker while the pipeline runs. */
  static final int STOP_POLL_MILLIS = 500;

  /** How often the launcher asks the runner's hook whether the job can still go on. */
  static final int STALL_CHECK_MILLIS = 5_000;

  /** How often the launcher asks a detached job (Flink session cluster) whether it has ended. */
  static final int STATE_POLL_MILLIS = 100;

  /**
   * True once {@code result}'s job is in a terminal state, polling it for up to {@code millis}.
   * Beam's detached Flink result would check once a second only, and Flink's attached client backs
   * off to 2 s between its checks: either way about a second lost per round's job.
   */
  static boolean endedWithin(PipelineResult result, long millis) {
    if (result instanceof org.apache.beam.runners.direct.DirectRunner.DirectPipelineResult) {
      // Its getState() would record FAILED, after which waitUntilFinish() no longer rethrows the
      // pipeline's own exception (the message the user needs); its wait returns at once anyway.
      PipelineResult.State state = result.waitUntilFinish(org.joda.time.Duration.millis(millis));
      return state != null && state.isTerminal();
    }
    long deadline = System.nanoTime() + millis * 1_000_000L;
    do {
      PipelineResult.State state = result.getState();
      if (state != null && state.isTerminal()) {
        return true;
      }
      try {
        Thread.sleep(STATE_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the job", e);
      }
    } while (System.nanoTime() < deadline);
    return false;
  }

  /** Seconds between live progress lines. */
  static final int PROGRESS_SECONDS = 10;

  static void deleteLocalTree(String dir) {
    if (dir.contains("://") || !Files.isDirectory(Path.of(dir))) {
      return;
    }
    try (var walk = Files.walk(Path.of(dir))) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // Leftover progress files are harmless.
    }
  }

  /** HTTP counters summary.json always states, zero when none was reported. */
  static final java.util.List<String> HTTP_COUNTERS =
      java.util.List.of("requests_sent", "retries", "http_429", "failures", "cache_hits");

  /**
   * HTTP counters the LLM client reported, summed over steps and workers: as Beam metrics, and in
   * the workers' progress files (the only source on runners whose metrics do not reach the
   * launcher, such as Flink's session clusters); per counter the larger of the two.
   */
  static JsonObject httpMetrics(PipelineResult result, Map<String, Long> fromProgress) {
    Map<String, Long> totals = new TreeMap<>();
    for (String always : HTTP_COUNTERS) {
      totals.put(always, 0L);
    }
    try {
      MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
      for (MetricResult<Long> c : metrics.getCounters()) {
        String name = c.getName().getName();
        if (c.getName().getNamespace().equals("medinstruct") && !name.startsWith("tokens.")) {
          Long v = c.getCommitted();
          totals.merge(name, v == null ? c.getAttempted() : v, Long::sum);
        }
      }
    } catch (RuntimeException e) {
      // Committed metrics are not supported by every runner (attempted ones are used above), and a
      // detached Flink job's accumulators may be out of reach: the progress files count them too.
    }
    fromProgress.forEach((name, v) -> totals.merge(name, v, Math::max));
    JsonObject o = new JsonObject();
    totals.forEach(o::addProperty);
    return o;
  }

  static void printSummary(JsonObject s, String output, PrintStream out) {
    JsonObject c = s.getAsJsonObject("counts");
    boolean simulated = s.has("simulated") && s.get("simulated").getAsBoolean();
    out.printf(
        "done in %.1f s: %d accepted%s; generated %d, rejected %d, failed %d; %s%n",
        s.get("wall_seconds").getAsDouble(),
        s.get("accepted").getAsLong(),
        s.get("target").isJsonNull() ? "" : " of target " + s.get("target").getAsLong(),
        c.get("generated").getAsLong(),
        c.get("rejected").getAsLong(),
        c.get("failed").getAsLong(),
        simulated
            ? String.format(
                "SIMULATED endpoint: nothing spent; would have cost $%.4f at real prices",
                s.get("cost_usd_if_real").getAsDouble())
            : String.format("cost $%.4f", s.get("cost_usd").getAsDouble()));
    if (s.has("alpacare")) {
      JsonObject a = s.getAsJsonObject("alpacare");
      out.printf(
          "method alpacare: size reached %d (requested %d; no exact size is promised); drop-all"
              + " removed %d of %d parsed tasks (%.1f%%)%n",
          a.get("size_reached").getAsLong(),
          a.get("requested_size").getAsLong(),
          a.get("dropped_by_drop_all").getAsLong(),
          a.get("tasks_parsed").getAsLong(),
          100 * a.get("drop_all_rate").getAsDouble());
    }
    if (!s.get("target_met").getAsBoolean()) {
      out.println(
          "TARGET NOT MET: "
              + (s.get("stop_reason").isJsonNull()
                  ? "--maxRounds ran out"
                  : s.get("stop_reason").getAsString()));
    }
    if (s.get("stopped_at_budget").getAsBoolean()) {
      out.println(
          "STOPPED AT BUDGET: --maxCostUsd was reached; finished work was kept and written");
    }
    out.println("wrote " + String.join(", ", WriteDataset.FILES) + " to " + output);
  }
}
