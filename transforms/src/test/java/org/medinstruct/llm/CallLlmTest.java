package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.medinstruct.llm.ScriptedServer.error;
import static org.medinstruct.llm.ScriptedServer.ok;

import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Keys;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.model.Failure;
import org.medinstruct.model.FailureKind;
import org.medinstruct.model.StageOutput;

@ExtendWith(TestPipelineExtension.class)
class CallLlmTest {
  @TempDir Path dir;
  private ScriptedServer server;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
    // Prompts containing "bad" are rejected (non-retryable 400), everything else is echoed.
    server.respondWith(
        r ->
            r.lastMessage().contains("bad")
                ? error(400, "invalid_request_error", "bad prompt")
                : ok("echo: " + r.lastMessage(), 10, 5));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static List<KV<String, ChatRequest>> input(int good, int bad) {
    List<KV<String, ChatRequest>> in = new ArrayList<>();
    for (int i = 0; i < good; i++) {
      in.add(KV.of("good" + i, Fixtures.request("prompt " + i)));
    }
    for (int i = 0; i < bad; i++) {
      in.add(KV.of("bad" + i, Fixtures.request("bad prompt " + i)));
    }
    return in;
  }

  private static List<String> keys(String prefix, int n) {
    List<String> k = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      k.add(prefix + i);
    }
    return k;
  }

  private static long counter(PipelineResult result, String name) {
    Iterable<MetricResult<Long>> counters =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(PendingCalls.NAMESPACE, name))
                    .build())
            .getCounters();
    return StreamSupport.stream(counters.spliterator(), false)
        .mapToLong(MetricResult::getAttempted)
        .sum();
  }

  /** The keys of the failed elements, read back from their dead-letter records. */
  private static PCollection<String> failureKeys(StageOutput<KV<String, ChatResponse>> result) {
    return result
        .failed()
        .apply(
            "FailureKeys",
            MapElements.into(TypeDescriptors.strings())
                .via(f -> JsonParser.parseString(f.element()).getAsString()));
  }

  private PCollection<KV<String, ChatRequest>> create(
      TestPipeline p, List<KV<String, ChatRequest>> in) {
    return p.apply(
        Create.of(in)
            .withCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(ChatRequest.class))));
  }

  @Test
  void givenGoodAndBadRequests_everyElementComesOutExactlyOnce(TestPipeline p) {
    LlmSettings s = Settings.at(server.baseUrl()).build();
    StageOutput<KV<String, ChatResponse>> result =
        create(p, input(40, 7)).apply(CallLlm.<String>using(s).withShards(4));

    PAssert.that(result.values().apply("ResponseKeys", Keys.create()))
        .containsInAnyOrder(keys("good", 40));
    PAssert.that(failureKeys(result)).containsInAnyOrder(keys("bad", 7));
    PAssert.that(result.values())
        .satisfies(
            rs -> {
              for (KV<String, ChatResponse> kv : rs) {
                assertEquals("echo: prompt " + kv.getKey().substring(4), kv.getValue().content());
              }
              return null;
            });
    PAssert.that(result.failed())
        .satisfies(
            fs -> {
              for (Failure f : fs) {
                assertEquals(400, f.status());
                assertEquals(FailureKind.BAD_REQUEST, f.kind());
                assertEquals("llm", f.stage());
              }
              return null;
            });
    PipelineResult run = p.run();
    run.waitUntilFinish();

    assertEquals(47, server.received().size());
    assertEquals(47, counter(run, "requests_sent"));
    assertEquals(7, counter(run, "failures"));
    assertEquals(400, counter(run, "tokens.prompt.instructions.gpt-4"));
    assertEquals(200, counter(run, "tokens.completion.instructions.gpt-4"));
    // gpt-4 list price: 10 prompt tokens × 30 USD/1M + 5 completion tokens × 60 USD/1M = 600
    // micro-USD.
    assertEquals(40 * 600, counter(run, "spend_micro_usd"));
  }

  @Test
  void givenNoBatching_everyElementComesOutExactlyOnce(TestPipeline p) {
    LlmSettings s = Settings.at(server.baseUrl()).build();
    StageOutput<KV<String, ChatResponse>> result =
        create(p, input(25, 3)).apply(CallLlm.<String>using(s).withoutBatching());

    PAssert.that(result.values().apply("ResponseKeys", Keys.create()))
        .containsInAnyOrder(keys("good", 25));
    PAssert.that(failureKeys(result)).containsInAnyOrder(keys("bad", 3));
    p.run().waitUntilFinish();

    assertEquals(28, server.received().size());
  }

  @Test
  void givenInvalidRequest_goesToFailures(TestPipeline p) {
    LlmSettings s = Settings.at(server.baseUrl()).build();
    List<KV<String, ChatRequest>> in = new ArrayList<>(input(2, 0));
    in.add(
        KV.of(
            "invalid",
            new ChatRequest("s", "k", "t", "gpt-4", null, 1, 1, 0, 10, List.of(), null)));
    StageOutput<KV<String, ChatResponse>> result = create(p, in).apply(CallLlm.using(s));

    PAssert.that(result.values().apply("ResponseKeys", Keys.create()))
        .containsInAnyOrder("good0", "good1");
    PAssert.that(failureKeys(result)).containsInAnyOrder("invalid");
    p.run().waitUntilFinish();
  }

  @Test
  void givenRerunOnSameJournal_pipelineSendsNothingTwice(TestPipeline p) {
    LlmSettings s = Settings.at(server.baseUrl()).cacheDir(dir).build();
    // First run with another client on the same journal (a previous, killed run).
    HttpChatClient previous = Fixtures.client(s, null, new FakeTime());
    for (KV<String, ChatRequest> kv : input(10, 0)) {
      previous.complete(kv.getValue()).join();
    }
    previous.close();

    StageOutput<KV<String, ChatResponse>> result = create(p, input(12, 0)).apply(CallLlm.using(s));
    PAssert.that(result.values().apply("ResponseKeys", Keys.create()))
        .containsInAnyOrder(keys("good", 12));
    PipelineResult run = p.run();
    run.waitUntilFinish();

    assertEquals(12, server.received().size(), "10 before the crash, 2 after");
    assertEquals(10, counter(run, "cache_hits"));
  }

  @Test
  void givenClientThatThrowsOrReturnsNull_pendingCallsStillAccountForEveryElement()
      throws Exception {
    ChatClient flaky =
        request -> {
          if (request.sampleKey().endsWith("throw")) {
            throw new IllegalStateException("synchronous failure");
          }
          if (request.sampleKey().endsWith("null")) {
            return null;
          }
          return CompletableFuture.supplyAsync(
              () -> new ChatResponse("ok", "stop", 1, 1, 1, false));
        };
    PendingCalls<String> calls = new PendingCalls<>(flaky);
    List<String> ok = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    PendingCalls.Emitter<String> emitter =
        new PendingCalls.Emitter<>() {
          @Override
          public void response(KV<String, ChatResponse> kv) {
            ok.add(kv.getKey());
          }

          @Override
          public void failure(KV<String, LlmFailure> kv) {
            failed.add(kv.getKey());
          }
        };
    for (String k : List.of("a", "throw", "b", "null", "c")) {
      calls.submit(k, Fixtures.request(k));
      calls.awaitBelow(1, emitter);
    }
    calls.drain(emitter);

    assertEquals(List.of("a", "b", "c"), ok.stream().sorted().toList());
    assertEquals(List.of("null", "throw"), failed.stream().sorted().toList());
    assertEquals(0, calls.outstanding());
  }
}
