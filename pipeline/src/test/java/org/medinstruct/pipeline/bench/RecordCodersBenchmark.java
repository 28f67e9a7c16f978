package org.medinstruct.pipeline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.medinstruct.llm.ChatResponse;
import org.medinstruct.llm.ChatResponseCoder;
import org.medinstruct.model.Failure;
import org.medinstruct.model.FailureCoder;
import org.medinstruct.model.FailureKind;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.MedTaskCoder;
import org.medinstruct.model.Rejection;
import org.medinstruct.model.RejectionCoder;
import org.medinstruct.pipeline.RoundState;
import org.medinstruct.pipeline.RoundStateCoder;
import org.medinstruct.stages.Example;
import org.medinstruct.stages.ExampleCoder;
import org.medinstruct.stages.GenerationRequest;
import org.medinstruct.stages.GenerationRequestCoder;
import org.medinstruct.stages.Usage;
import org.medinstruct.stages.UsageCoder;

/**
 * Encode + decode throughput of every record type the pipelines move, Java serialization (the
 * SerializableCoder they used before) against the compact coder they use now, in one JVM run: per
 * type, bytes and best-of-3 milliseconds for {@code N} records (default 52,000, the MedInstruct-52k
 * size), and the ratio. It is not a test. Run from the repository root after a test-compile:
 *
 * <pre>
 * java -cp "pipeline/target/classes:pipeline/target/test-classes:transforms/target/classes:$(cat runners/target/classpath.txt)" \
 *   org.medinstruct.pipeline.bench.RecordCodersBenchmark [N]
 * </pre>
 */
public final class RecordCodersBenchmark {
  private RecordCodersBenchmark() {}

  private static final String CASE =
      "A 54-year-old man presents with chest pain radiating to the left arm. ";

  static MedTask task(int i) {
    return new MedTask(
        String.format("mi-%06d-%02d", i / 8, i % 8),
        "Diagnosis",
        "Cardiology",
        "Physician",
        "3",
        "Given the vignette, what is the most likely diagnosis and the next step? " + i,
        CASE.repeat(4),
        1 + i % 6,
        i / 8,
        i % 8,
        List.of("seed-" + (i % 50), "seed-" + (i % 49), "seed-" + (i % 47)));
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 52_000;
    System.out.printf(
        Locale.ROOT,
        "%-18s %10s %14s %14s %10s %10s %7s%n",
        "type",
        "records",
        "bytes(java)",
        "bytes(new)",
        "ms(java)",
        "ms(new)",
        "ratio");
    long[] total = new long[2];
    run("MedTask", n, MedTask.class, MedTaskCoder.of(), RecordCodersBenchmark::task, total);
    run(
        "Example pending",
        n,
        Example.class,
        ExampleCoder.of(),
        i -> Example.pending(task(i), "nearest instruction " + i, 0.41, "seed text", 0.33, "gpt-4"),
        total);
    run(
        "Example answered",
        n,
        Example.class,
        ExampleCoder.of(),
        i ->
            Example.pending(task(i), "nearest instruction " + i, 0.41, "seed text", 0.33, "gpt-4")
                .answered("gpt-4", CASE.repeat(12), "stop", 512, 300),
        total);
    run(
        "ChatResponse",
        n,
        ChatResponse.class,
        ChatResponseCoder.of(),
        i -> new ChatResponse(CASE.repeat(12), "stop", 512, 300, 1, false),
        total);
    run(
        "Usage",
        n,
        Usage.class,
        UsageCoder.of(),
        i -> new Usage("respond", "gpt-4", 512, 300, false, 1, 1, null, 0),
        total);
    run(
        "Rejection",
        n,
        Rejection.class,
        RejectionCoder.of(),
        i ->
            new Rejection(
                "dedup", "duplicate", "ROUGE-L 0.7400 with: " + CASE, "{\"id\":\"mi-" + i + "\"}"),
        total);
    run(
        "Failure",
        n,
        Failure.class,
        FailureCoder.of(),
        i ->
            new Failure(
                "respond",
                "{\"id\":\"mi-" + i + "\"}",
                "HTTP 503 after 8 attempts",
                true,
                503,
                8,
                FailureKind.SERVER_ERROR),
        total);
    run(
        "GenerationRequest",
        n,
        GenerationRequest.class,
        GenerationRequestCoder.of(),
        i -> new GenerationRequest(i, 1, List.of("seed-1", "seed-2", "seed-3")),
        total);
    run(
        "RoundState",
        n,
        RoundState.class,
        RoundStateCoder.of(),
        i -> new RoundState(3, i, i, i / 2, 52_000, null),
        total);
    System.out.printf(
        Locale.ROOT,
        "%-18s %10s %14s %14s %10d %10d %6.1fx%n",
        "all",
        "",
        "",
        "",
        total[0],
        total[1],
        (double) total[0] / Math.max(1, total[1]));
  }

  private static <T extends java.io.Serializable> void run(
      String name, int n, Class<T> type, Coder<T> compact, IntFunction<T> make, long[] total)
      throws Exception {
    List<T> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(make.apply(i));
    }
    long[] ms = new long[2];
    long[] bytes = new long[2];
    List<Coder<T>> coders = List.of(SerializableCoder.of(type), compact);
    for (int c = 0; c < 2; c++) {
      long best = Long.MAX_VALUE;
      for (int rep = 0; rep < 3; rep++) {
        long t = System.nanoTime();
        long b = 0;
        for (T v : values) {
          byte[] enc = CoderUtils.encodeToByteArray(coders.get(c), v);
          b += enc.length;
          CoderUtils.decodeFromByteArray(coders.get(c), enc);
        }
        best = Math.min(best, System.nanoTime() - t);
        bytes[c] = b;
      }
      ms[c] = best / 1_000_000;
      total[c] += ms[c];
    }
    System.out.printf(
        Locale.ROOT,
        "%-18s %,10d %,14d %,14d %10d %10d %6.1fx%n",
        name,
        n,
        bytes[0],
        bytes[1],
        ms[0],
        ms[1],
        (double) ms[0] / Math.max(1, ms[1]));
  }
}
