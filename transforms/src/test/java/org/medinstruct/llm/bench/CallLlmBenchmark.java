package org.medinstruct.llm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.medinstruct.llm.CallLlm;
import org.medinstruct.llm.ChatMessage;
import org.medinstruct.llm.ChatRequest;
import org.medinstruct.llm.ChatResponse;
import org.medinstruct.llm.LlmSettings;
import org.medinstruct.llm.Safeguards;

/**
 * Throughput of {@link CallLlm} on the DirectRunner against a loopback endpoint with 300 ms latency
 * and a 6,000 RPM limit (ceiling 100 requests/s), without and with 10% injected faults. Prints
 * figures; it is not a test.
 *
 * <p>Run (from the repository root):
 *
 * <pre>
 * mvn -q -B -o install -DskipTests
 * mvn -q -B -o -pl transforms test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/llm-cp.txt -Dmdep.includeScope=test
 * java -cp transforms/target/classes:transforms/target/test-classes:$(cat /tmp/llm-cp.txt) \
 *     org.medinstruct.llm.bench.CallLlmBenchmark requests=3000 modes=batched,unbatched
 * </pre>
 *
 * <p>Arguments (all optional): {@code requests=3000 rpm=6000 latencyMs=300 faults=0,0.1
 * modes=batched,unbatched unbatchedRequests=300 warmup=300}; {@code warmup=0} measures a cold JVM.
 */
public final class CallLlmBenchmark {
  /** Outputs per element, filled by the pipeline (DirectRunner: same JVM). */
  static final Map<String, AtomicInteger> OUTPUTS = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    Map<String, String> a =
        new java.util.HashMap<>(
            Map.of(
                "requests",
                "3000",
                "rpm",
                "6000",
                "latencyMs",
                "300",
                "faults",
                "0,0.1",
                "modes",
                "batched,unbatched",
                "unbatchedRequests",
                "300",
                "warmup",
                "300"));
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      a.put(kv[0], kv[1]);
    }
    int rpm = Integer.parseInt(a.get("rpm"));
    int warmup = Integer.parseInt(a.get("warmup"));
    if (warmup > 0) {
      // JVM warm-up (class loading, JIT), as any benchmark does; its figures are not the result.
      System.out.println("warm-up run (not a result):");
      run("batched", warmup, rpm, Long.parseLong(a.get("latencyMs")), 0);
      System.out.println("measured runs:");
    }
    for (String mode : a.get("modes").split(",")) {
      int n =
          Integer.parseInt(mode.equals("batched") ? a.get("requests") : a.get("unbatchedRequests"));
      for (String f : a.get("faults").split(",")) {
        double faults = Double.parseDouble(f);
        if (mode.equals("unbatched") && faults > 0) {
          continue;
        }
        run(mode, n, rpm, Long.parseLong(a.get("latencyMs")), faults);
      }
    }
    System.exit(0);
  }

  static void run(String mode, int n, int rpm, long latencyMs, double faults) throws Exception {
    OUTPUTS.clear();
    Path journal = Files.createTempDirectory("bench-journal");
    try (BenchServer server = new BenchServer(latencyMs, rpm, faults)) {
      // Only requestsPerMinute is tuned; everything else is LlmSettings.defaults.
      LlmSettings settings = withJournal(LlmSettings.defaults(server.baseUrl(), rpm), journal);
      Pipeline p =
          Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
      List<KV<String, ChatRequest>> input = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        input.add(
            KV.of(
                "e" + i,
                new ChatRequest(
                    "bench",
                    "bench:" + i,
                    "v1",
                    "gpt-3.5-turbo",
                    List.of(ChatMessage.user("task " + i)),
                    0,
                    1,
                    0,
                    100,
                    List.of(),
                    null)));
      }
      PCollection<KV<String, ChatRequest>> requests =
          p.apply(
              Create.of(input)
                  .withCoder(
                      KvCoder.of(StringUtf8Coder.of(), org.medinstruct.llm.ChatRequestCoder.of())));
      CallLlm<String> call = CallLlm.using(settings);
      if (mode.equals("unbatched")) {
        // Random keys through a GroupByKey: the DirectRunner then hands out one-element bundles.
        requests = requests.apply(Reshuffle.viaRandomKey());
        call = call.withoutBatching();
      }
      org.medinstruct.model.StageOutput<KV<String, ChatResponse>> result = requests.apply(call);
      result.values().apply("CountResponses", ParDo.of(new CountFn<KV<String, ChatResponse>>()));
      result
          .failed()
          .apply("CountFailures", ParDo.of(new CountFn<org.medinstruct.model.Failure>()));

      long start = System.nanoTime();
      PipelineResult run = p.run();
      run.waitUntilFinish();
      double seconds = (System.nanoTime() - start) / 1e9;

      int outputs = OUTPUTS.values().stream().mapToInt(AtomicInteger::get).sum();
      long duplicates = OUTPUTS.values().stream().filter(c -> c.get() > 1).count();
      long missing = n - OUTPUTS.size();
      double ceiling = rpm / 60.0;
      double okPerSecond = server.completed.get() / seconds;
      long end = System.nanoTime();
      double beforeFirst = (server.firstArrivalNanos.get() - start) / 1e9;
      double afterLast = (end - server.lastCompletionNanos.get()) / 1e9;
      double serverSeconds =
          (server.lastCompletionNanos.get() - server.firstArrivalNanos.get()) / 1e9;
      double servedPerSecond = server.completed.get() / serverSeconds;
      double httpPerSecond = (server.arrived.get() - server.rateLimited.get()) / seconds;
      System.out.printf(
          Locale.ROOT,
          "%n%-9s faults=%4.0f%% requests=%d wall=%.1fs completions/s=%.1f (%.0f%% of %.0f/s"
              + " ceiling) | run-to-first-request=%.1fs first-request-to-last-completion=%.1fs"
              + " last-completion-to-end=%.1fs completions/s=%.1f (%.0f%%)%n  admitted-http/s=%.1f"
              + " (%.0f%%) 429-rate-limited=%d injected-faults=%d responses=%d failures=%d%n "
              + " outputs=%d missing=%d duplicates=%d resent-completed=%d client: sent=%d"
              + " retries=%d http_429=%d%n",
          mode,
          faults * 100,
          n,
          seconds,
          okPerSecond,
          100 * okPerSecond / ceiling,
          ceiling,
          beforeFirst,
          serverSeconds,
          afterLast,
          servedPerSecond,
          100 * servedPerSecond / ceiling,
          httpPerSecond,
          100 * httpPerSecond / ceiling,
          server.rateLimited.get(),
          server.injected.get(),
          counter(run, "responses"),
          counter(run, "failures_out"),
          outputs,
          missing,
          duplicates,
          server.resentCompleted.get(),
          counter(run, "requests_sent"),
          counter(run, "retries"),
          counter(run, "http_429"));
    }
  }

  private static LlmSettings withJournal(LlmSettings s, Path journal) {
    return new LlmSettings(
        s.baseUrl(),
        s.endpointId(),
        s.apiKeyEnv(),
        s.apiKeyFile(),
        s.allowInsecureHttp(),
        s.requestsPerMinute(),
        s.tokensPerMinute(),
        s.maxInFlightRequests(),
        s.maxRetries(),
        s.requestTimeoutSeconds(),
        journal.toString(),
        s.refreshCache(),
        s.maxCostUsd(),
        s.pricesFile(),
        s.workerCount(),
        s.progressDir(),
        s.stop(),
        Safeguards.defaults(),
        null,
        null,
        LlmSettings.AuthHeader.BEARER,
        null,
        null);
  }

  private static long counter(PipelineResult result, String name) {
    Iterable<MetricResult<Long>> counters =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named("medinstruct", name))
                    .build())
            .getCounters();
    return StreamSupport.stream(counters.spliterator(), false)
        .mapToLong(MetricResult::getAttempted)
        .sum();
  }

  /** Records each output element (a response or a failure) by key. */
  static final class CountFn<E> extends DoFn<E, Void> {

    @ProcessElement
    public void process(@Element E element) {
      boolean failure = element instanceof org.medinstruct.model.Failure;
      String key =
          failure
              ? com.google.gson.JsonParser.parseString(
                      ((org.medinstruct.model.Failure) element).element())
                  .getAsString()
              : ((KV<?, ?>) element).getKey().toString();
      OUTPUTS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      org.apache.beam.sdk.metrics.Metrics.counter(
              "medinstruct", failure ? "failures_out" : "responses")
          .inc();
    }
  }
}
