package org.medinstruct.dedup;

import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.medinstruct.model.MedTask;

/**
 * Prints figures for the {@link DeduplicateBySimilarity} composite as {@code generate} runs it (not
 * a test): N candidate tasks against a pool, greedy, neighbour floor 0.5, on the runner the
 * pipeline arguments name (the Direct Runner by default). {@code --n=69000 --pool=167 --seed=1
 * [--input=FILE.jsonl] [--algorithm=distributed|prefix] [--shards=64] [--progressDir=DIR]}, other
 * {@code --x} arguments go to the pipeline. With {@code --input} the first {@code pool} lines'
 * instructions are the pool and the next {@code n} the candidates; otherwise {@link
 * SyntheticInstructions}.
 */
public final class CompositeBenchmark {
  private CompositeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = 69_000;
    int poolSize = 167;
    long seed = 1;
    int shards = 0; // 0: the runner's default (DistributedDedup.defaultShards)
    String input = null;
    String progressDir = null;
    DedupAlgorithm algorithm = DedupAlgorithm.DISTRIBUTED;
    List<String> pipelineArgs = new ArrayList<>();
    for (String a : args) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      String v = kv.length > 1 ? kv[1] : "";
      switch (kv[0]) {
        case "n" -> n = Integer.parseInt(v.replace("_", ""));
        case "pool" -> poolSize = Integer.parseInt(v);
        case "seed" -> seed = Long.parseLong(v);
        case "shards" -> shards = Integer.parseInt(v);
        case "input" -> input = v;
        case "progressDir" -> progressDir = v;
        case "algorithm" -> algorithm = DedupAlgorithm.parse(v);
        default -> pipelineArgs.add(a);
      }
    }
    List<String> texts = new ArrayList<>();
    if (input != null) {
      for (String line : Files.readAllLines(Path.of(input), StandardCharsets.UTF_8)) {
        if (texts.size() == n + poolSize) {
          break;
        }
        if (!line.isBlank()) {
          texts.add(
              JsonParser.parseString(line).getAsJsonObject().get("instruction").getAsString());
        }
      }
    } else {
      texts = SyntheticInstructions.generate(n + poolSize, seed);
    }
    List<MedTask> pool = new ArrayList<>();
    List<MedTask> candidates = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      if (i < poolSize) {
        pool.add(
            MedTask.seed(
                String.format("seed-%05d", i),
                new MedTask.Labels("Open Q&A", "T", "S", "1"),
                texts.get(i),
                MedTask.NO_INPUT));
      } else {
        int k = i - poolSize;
        candidates.add(
            new MedTask(
                "t" + k,
                "Open Q&A",
                "Topic",
                "Student",
                "1",
                texts.get(i),
                MedTask.NO_INPUT,
                1,
                k / 12,
                k % 12,
                List.of()));
      }
    }
    PipelineOptions options =
        PipelineOptionsFactory.fromArgs(pipelineArgs.toArray(new String[0])).create();
    try {
      Class<?> direct = Class.forName("org.apache.beam.runners.direct.DirectOptions");
      Object o = options.as(direct.asSubclass(PipelineOptions.class));
      direct.getMethod("setEnforceImmutability", boolean.class).invoke(o, false);
      direct.getMethod("setEnforceEncodability", boolean.class).invoke(o, false);
    } catch (ClassNotFoundException e) {
      // Not on the Direct Runner's classpath.
    }
    Pipeline p = Pipeline.create(options);
    PCollectionView<List<MedTask>> listView =
        p.apply(
                "PoolList",
                Create.of(
                        pool.isEmpty()
                            ? List.of(MedTask.seed("x", new MedTask.Labels("", "", "", ""), "", ""))
                            : pool)
                    .withCoder(ScoredTaskCoderAdapter.TASK))
            .apply(
                "PoolAsList",
                ParDo.of(
                    new DoFn<MedTask, MedTask>() {
                      @ProcessElement
                      public void process(ProcessContext c) {
                        if (!"x".equals(c.element().id())) {
                          c.output(c.element());
                        }
                      }
                    }))
            .setCoder(ScoredTaskCoderAdapter.TASK)
            .apply("PoolListView", View.asList());
    PCollection<MedTask> in =
        p.apply("Candidates", Create.of(candidates).withCoder(ScoredTaskCoderAdapter.TASK));
    org.medinstruct.model.StageOutput<ScoredTask> r =
        in.apply(
            "DeduplicateBySimilarity",
            DeduplicateBySimilarity.against(listView)
                .withAlgorithm(algorithm)
                .withShards(shards)
                .withProgressDir(progressDir));
    r.values().apply("CountKept", Count.globally());
    long t0 = System.nanoTime();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    double seconds = (System.nanoTime() - t0) / 1e9;
    MetricQueryResults m =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(DeduplicateBySimilarity.METRICS))
                    .build());
    StringBuilder sb = new StringBuilder();
    for (MetricResult<Long> c : m.getCounters()) {
      sb.append(' ').append(c.getName().getName()).append('=').append(c.getAttempted());
    }
    for (MetricResult<org.apache.beam.sdk.metrics.DistributionResult> d : m.getDistributions()) {
      sb.append(' ').append(d.getName().getName()).append("Max=").append(d.getAttempted().getMax());
    }
    long peakHeap = 0;
    for (java.lang.management.MemoryPoolMXBean mp :
        java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (mp.getType() == java.lang.management.MemoryType.HEAP) {
        peakHeap += mp.getPeakUsage().getUsed();
      }
    }
    double[] load = new double[1];
    try {
      load[0] = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (Exception e) {
      load[0] = Double.NaN;
    }
    System.out.printf(
        Locale.ROOT,
        "composite: N=%d pool=%d algorithm=%s shards=%d runner=%s pipelineSeconds=%.1f"
            + " peakHeapMB=%d load1=%.1f%n ",
        candidates.size(),
        pool.size(),
        algorithm,
        shards,
        options.getRunner().getSimpleName(),
        seconds,
        peakHeap >> 20,
        load[0]);
    System.out.println(sb);
  }

  /** The task coder the composite's users get (compact). */
  private static final class ScoredTaskCoderAdapter {
    static final org.apache.beam.sdk.coders.Coder<MedTask> TASK = new TaskCoder();
  }

  /** MedTask through {@link ScoredTaskCoder}'s task encoding. */
  static final class TaskCoder extends org.apache.beam.sdk.coders.AtomicCoder<MedTask> {
    @Override
    public void encode(MedTask t, java.io.OutputStream out) throws java.io.IOException {
      org.apache.beam.sdk.coders.ByteArrayCoder.of().encode(ScoredTaskCoder.task(t), out);
    }

    @Override
    public MedTask decode(java.io.InputStream in) throws java.io.IOException {
      return ScoredTaskCoder.task(org.apache.beam.sdk.coders.ByteArrayCoder.of().decode(in));
    }
  }
}
