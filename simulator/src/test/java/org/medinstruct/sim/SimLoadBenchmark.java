package org.medinstruct.sim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark (not a test): drives the simulator with java.net.http at a fixed concurrency and prints
 * throughput and latency percentiles. Half of the requests are instruction-generation prompts (12
 * tasks each), half response requests; every body is distinct.
 *
 * <p>Args: requests (default 4000), concurrency (default 128), latencyMs (default 300), jitterMs
 * (default 50). Run with the classpath as for {@link SimDiversityBenchmark}, e.g. {@code java -cp
 * transforms/target/test-classes:transforms/target/classes:$(cat /tmp/cp.txt)
 * org.medinstruct.sim.SimLoadBenchmark 8000 256 300 50}.
 */
public final class SimLoadBenchmark {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 128;
    long latency = args.length > 2 ? Long.parseLong(args[2]) : 300;
    long jitter = args.length > 3 ? Long.parseLong(args[3]) : 50;
    List<String> seeds = SimPrompts.seedInstructions();
    SplittableRandom r = new SplittableRandom(11);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      bodies.add(
          i % 2 == 0
              ? SimHttp.body(null, SimPrompts.prompt(seeds, r), List.of("16. Type:"), 3072)
              : SimHttp.body(
                  "You are a helpful medical assistant.",
                  "Question " + i + ": " + seeds.get(r.nextInt(seeds.size())) + "\n\n<noinput>",
                  null,
                  1024));
    }
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    try (SimulatedLlmServer s =
        SimulatedLlmServer.start(SimConfig.defaults().withLatency(latency, jitter))) {
      URI uri = URI.create(s.baseUrl() + "/chat/completions");
      Semaphore slots = new Semaphore(concurrency);
      ConcurrentLinkedQueue<Long> millis = new ConcurrentLinkedQueue<>();
      ConcurrentHashMap<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
      long t0 = System.nanoTime();
      for (String body : bodies) {
        slots.acquire();
        long start = System.nanoTime();
        client
            .sendAsync(
                HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .whenComplete(
                (resp, err) -> {
                  millis.add((System.nanoTime() - start) / 1_000_000);
                  String k =
                      err != null
                          ? err.getClass().getSimpleName()
                          : Integer.toString(resp.statusCode());
                  outcomes.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
                  slots.release();
                });
      }
      slots.acquire(concurrency);
      double seconds = (System.nanoTime() - t0) / 1e9;
      List<Long> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      System.out.printf(
          "simulated LLM endpoint load: %d requests, concurrency %d, latency %d±%d"
              + " ms: %.1f s, %.0f requests/s (ideal %.0f); latency p50 %d ms, p99 %d ms,"
              + " max %d ms; outcomes %s; server stats %s%n",
          n,
          concurrency,
          latency,
          jitter,
          seconds,
          n / seconds,
          concurrency * 1000.0 / Math.max(1, latency),
          sorted.get(sorted.size() / 2),
          sorted.get((int) (sorted.size() * 0.99)),
          sorted.get(sorted.size() - 1),
          outcomes,
          s.stats().toJson());
    }
  }
}
