package org.medinstruct.pipeline.dedup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollectionView;
import org.medinstruct.dedup.DedupAlgorithm;
import org.medinstruct.dedup.DedupBatch;
import org.medinstruct.dedup.DedupPolicy;
import org.medinstruct.model.UserInputException;
import org.medinstruct.pipeline.options.CommandOptions;

/**
 * The {@code dedup} command: near-duplicate removal of a JSONL file as a Beam pipeline.
 *
 * <p>{@code --input=FILE.jsonl --output=DIR --dedupPolicy=greedy|drop-all [--pool=SEEDS.json]
 * [--dedupThreshold=0.7] [--dedupAlgorithm=auto|prefix|distributed|bruteforce] [--hotKeyBound=2000]
 * [--decontaminate=FILE[,FILE]] [--decontaminationThreshold=0.7]}. Records are compared by {@code
 * instruction}; input order is the greedy order. Writes {@code DIR/kept.jsonl} (kept lines, byte
 * for byte, in input order) and {@code DIR/dropped.jsonl} (each dropped record plus nearest,
 * rougeL, reason). Decontamination runs first. All input is validated before anything is written: a
 * bad option, a malformed line or a record without an instruction is a {@link UserInputException}
 * naming the file and line.
 */
public final class DedupCommand {
  private DedupCommand() {}

  /** Standalone entry point (the launcher calls {@link #run}): bad input exits with status 2. */
  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } catch (UserInputException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  public static void run(String[] args) throws Exception {
    long start = System.nanoTime();
    DedupOptions options = CommandOptions.parse("dedup", args, DedupOptions.class);
    Settings settings = Settings.of(options);
    List<InputRecords.Line> lines = InputRecords.readJsonl(Path.of(options.getInput()));
    int records = lines.size();
    List<String> pool =
        options.getPool() == null ? List.of() : InputRecords.readTexts(Path.of(options.getPool()));
    List<String> evaluation = null;
    if (options.getDecontaminate() != null) {
      evaluation = new ArrayList<>();
      for (String f : options.getDecontaminate().split(",")) {
        if (!f.isBlank()) {
          evaluation.addAll(InputRecords.readTexts(Path.of(f.strip())));
        }
      }
    }
    Path out = Path.of(options.getOutput());
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UserInputException("--output=" + out + " exists and is not a directory");
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UserInputException("--output=" + out + ": cannot create: " + e.getMessage(), e);
    }

    org.medinstruct.pipeline.Launch.prepare(options, args);
    long inputBytes = Files.size(Path.of(options.getInput()));
    DedupAlgorithm algorithm =
        settings.algorithm() != null
            ? settings.algorithm()
            : chooseAlgorithm(
                options.getRunner().getSimpleName(), inputBytes, Runtime.getRuntime().maxMemory());
    if (settings.algorithm() == null) {
      System.out.println(
          String.format(
              Locale.ROOT,
              "dedup: --dedupAlgorithm=auto chose %s (%s, input %d MB, launcher heap %d MB); set"
                  + " --dedupAlgorithm=distributed or prefix to override",
              algorithm.name().toLowerCase(Locale.ROOT),
              options.getRunner().getSimpleName(),
              inputBytes >> 20,
              Runtime.getRuntime().maxMemory() >> 20));
    }
    if (algorithm != DedupAlgorithm.BRUTEFORCE) {
      System.out.println(
          DedupForecast.describe(DedupForecast.estimate(lines, settings.threshold())));
    }
    lines = null; // the workers read the file themselves
    Pipeline p = Pipeline.create(options);
    // Absolute paths: on a cluster runner the workers do not share the launcher's directory.
    Path progressDir = out.toAbsolutePath().resolve(".dedup-progress");
    deleteTree(progressDir);
    if (algorithm == DedupAlgorithm.DISTRIBUTED) {
      DistributedDedupWrite.build(
          p,
          Path.of(options.getInput()).toAbsolutePath().toString(),
          view(p, "Pool", pool),
          evaluation == null ? null : view(p, "Evaluation", evaluation),
          settings,
          options.getHotKeyBound(),
          out.toAbsolutePath().toString(),
          records,
          progressDir.toString());
    } else {
      build(
          p,
          Path.of(options.getInput()).toAbsolutePath().toString(),
          pool,
          evaluation,
          settings.withAlgorithm(algorithm),
          out.toAbsolutePath().toString());
    }
    PipelineResult result;
    try (org.medinstruct.pipeline.ProgressPrinter progress =
        new org.medinstruct.pipeline.ProgressPrinter(
            progressDir.toString(), org.medinstruct.llm.Prices.defaults(), System.out, 10)) {
      // Exit 0 only for a job that finished DONE (a detached Flink job's failure is read back).
      result = org.medinstruct.pipeline.JobEnd.run(p, progressDir.toString());
    } finally {
      deleteTree(progressDir);
    }
    System.out.println(summary(result, records, (System.nanoTime() - start) / 1e9, out));
  }

  /**
   * The default algorithm: the single-worker prefix engine only where the whole input fits one
   * JVM's heap with room (the Direct Runner, about 10 bytes of heap per input byte); on a cluster
   * runner the distributed join, whose memory per key is bounded.
   */
  static DedupAlgorithm chooseAlgorithm(String runner, long inputBytes, long maxHeap) {
    boolean oneJvm = runner.startsWith("Direct");
    return oneJvm && inputBytes * 10 < maxHeap ? DedupAlgorithm.PREFIX : DedupAlgorithm.DISTRIBUTED;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  /** Validated settings from the options. */
  record Settings(
      DedupPolicy policy,
      double threshold,
      DedupAlgorithm algorithm,
      double decontaminationThreshold) {
    Settings withAlgorithm(DedupAlgorithm a) {
      return new Settings(policy, threshold, a, decontaminationThreshold);
    }

    /** {@code algorithm} is null for auto. */
    static Settings of(DedupOptions o) {
      try {
        DedupPolicy policy = DedupPolicy.parse(o.getDedupPolicy());
        DedupAlgorithm algorithm =
            "auto".equalsIgnoreCase(o.getDedupAlgorithm().strip())
                ? null
                : DedupAlgorithm.parse(o.getDedupAlgorithm());
        CommandOptions.checkThresholds(o.getDedupThreshold(), o.getDecontaminationThreshold());
        return new Settings(
            policy, o.getDedupThreshold(), algorithm, o.getDecontaminationThreshold());
      } catch (IllegalArgumentException e) {
        throw new UserInputException("dedup: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Input path → chunks of lines → one worker that dedups in input order and writes the files. The
   * input was validated by the launcher; the pool and evaluation texts are side inputs.
   */
  static void build(
      Pipeline p,
      String inputFile,
      List<String> pool,
      List<String> evaluation,
      Settings s,
      String outputDir) {
    PCollectionView<List<String>> poolView = view(p, "Pool", pool);
    PCollectionView<List<String>> evalView =
        evaluation == null ? null : view(p, "Evaluation", evaluation);
    List<PCollectionView<?>> sideInputs = new ArrayList<>();
    sideInputs.add(poolView);
    if (evalView != null) {
      sideInputs.add(evalView);
    }
    // Kept lines are written untouched, so kept records need no neighbours: skip that join.
    DedupBatch batch =
        new DedupBatch(
            s.policy(),
            s.threshold(),
            Double.POSITIVE_INFINITY,
            s.decontaminationThreshold(),
            s.algorithm());
    p.apply("InputPath", Create.of(inputFile).withCoder(StringUtf8Coder.of()))
        .apply("ReadLineChunks", ParDo.of(new ReadLineChunks()))
        .setCoder(LineChunkCoder.of())
        .apply("KeyToOneWorker", WithKeys.<Void, LineChunk>of((Void) null))
        .setCoder(KvCoder.of(VoidCoder.of(), LineChunkCoder.of()))
        .apply("GatherLines", GroupByKey.create())
        .apply(
            "DedupAndWrite",
            ParDo.of(new DedupAndWriteFn(batch, poolView, evalView, outputDir))
                .withSideInputs(sideInputs));
  }

  /** The texts as one element, so their order (pool indexes, tie-breaks) is kept. */
  static PCollectionView<List<String>> view(Pipeline p, String name, List<String> texts) {
    return p.apply(name, Create.of(List.of(texts)).withCoder(ListCoder.of(StringUtf8Coder.of())))
        .apply(name + "AsSingleton", View.asSingleton());
  }

  private static String summary(PipelineResult result, int n, double seconds, Path out)
      throws IOException {
    MetricQueryResults m =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(DedupAndWriteFn.METRICS))
                    .build());
    long kept = 0, duplicate = 0, decontaminated = 0, candidatePairs = 0, verifiedPairs = 0;
    long maxPostingScan = 0, similarPairs = 0, hotKeyPostings = 0;
    long maxWorkPerKey = -1, maxRecordsPerKey = -1;
    for (MetricResult<org.apache.beam.sdk.metrics.DistributionResult> d : m.getDistributions()) {
      long max = d.getAttempted().getMax();
      switch (d.getName().getName()) {
        case "maxWorkPerKey" -> maxWorkPerKey = Math.max(maxWorkPerKey, max);
        case "maxRecordsPerKey" -> maxRecordsPerKey = Math.max(maxRecordsPerKey, max);
        default -> {}
      }
    }
    for (MetricResult<Long> c : m.getCounters()) {
      long v = c.getAttempted();
      switch (c.getName().getName()) {
        case "kept" -> kept = v;
        case "droppedDuplicate" -> duplicate = v;
        case "droppedDecontaminated" -> decontaminated = v;
        case "candidatePairs" -> candidatePairs += v;
        case "verifiedPairs" -> verifiedPairs += v;
        case "maxPostingScan" -> maxPostingScan = v;
        case "similarPairs" -> similarPairs += v;
        case "hotKeyPostings" -> hotKeyPostings += v;
        default -> {}
      }
    }
    DedupCounts written = new DedupCounts(kept, duplicate, decontaminated);
    if (!written.cover(n)) {
      written = DedupCounts.fromFiles(out); // the writer's counters did not reach the launcher
      kept = written.kept();
      duplicate = written.duplicate();
      decontaminated = written.decontaminated();
    }
    String work =
        maxWorkPerKey < 0
            ? String.format(Locale.ROOT, " maxPostingScan=%d", maxPostingScan)
            : String.format(
                Locale.ROOT,
                " similarPairs=%d hotKeyPostings=%d maxRecordsPerKey=%d" + " maxWorkPerKey=%d",
                similarPairs,
                hotKeyPostings,
                maxRecordsPerKey,
                maxWorkPerKey);
    Runtime rt = Runtime.getRuntime();
    return String.format(
        Locale.ROOT,
        "dedup: N=%d kept=%d dropped=%d (duplicate=%d decontaminated=%d) candidatePairs=%d"
            + " verifiedPairs=%d%s wall=%.1fs launcherHeapUsedMB=%d",
        n,
        kept,
        duplicate + decontaminated,
        duplicate,
        decontaminated,
        candidatePairs,
        verifiedPairs,
        work,
        seconds,
        (rt.totalMemory() - rt.freeMemory()) >> 20);
  }
}
