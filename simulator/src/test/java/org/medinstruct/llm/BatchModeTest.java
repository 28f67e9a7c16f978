package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimBatchConfig;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * Batch API mode against the simulated endpoint (a test double for a paid API): failed lines and an
 * expired batch are retried in new batches, every completion is journaled once at batch prices, and
 * a killed client's successor re-attaches instead of submitting again.
 */
class BatchModeTest {
  @TempDir Path dir;

  private static List<ChatRequest> requests(int n) {
    List<ChatRequest> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new ChatRequest(
              "responses",
              "responses:" + i,
              "tv",
              "gpt-4o-mini",
              List.of(
                  ChatMessage.system("You are a careful clinician."),
                  ChatMessage.user(
                      "Explain the first-line treatment of condition number " + i + ".")),
              1.0,
              1.0,
              0.0,
              200,
              List.of(),
              null));
    }
    return out;
  }

  private static LlmSettings batchSettings(
      SimulatedLlmServer sim, Path cache, int perBatch, double pollSeconds) {
    Settings s = Settings.at(sim.baseUrl()).cacheDir(cache);
    s.maxRetries = 4;
    // Submitted 0.3 s after the last request arrived: all requests of a test go out together.
    return s.build()
        .withBatch(
            new BatchSettings(perBatch, BatchSettings.OPENAI_MAX_BYTES, 0, pollSeconds, 0.3));
  }

  private static List<ChatResponse> completeAll(ChatClient c, List<ChatRequest> requests)
      throws Exception {
    List<CompletableFuture<ChatResponse>> futures = new ArrayList<>();
    requests.forEach(r -> futures.add(c.complete(r)));
    List<ChatResponse> out = new ArrayList<>();
    for (CompletableFuture<ChatResponse> f : futures) {
      out.add(f.get(60, TimeUnit.SECONDS));
    }
    return out;
  }

  private static void waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      Thread.sleep(20);
    }
  }

  @Test
  void givenFailedLinesAndAnExpiredBatch_everyRequestIsJournaledOnceAtBatchPricesAndEqualsOnline()
      throws Exception {
    List<ChatRequest> requests = requests(200);
    try (SimulatedLlmServer sim =
        SimulatedLlmServer.start(SimConfig.defaults(), new SimBatchConfig(300, 0.05, 1))) {
      BatchChatClient batch =
          new BatchChatClient(batchSettings(sim, dir.resolve("batch-cache"), 50, 0.05), null);
      List<ChatResponse> batched = completeAll(batch, requests);
      double spent = batch.spentUsd();
      batch.close();

      HttpChatClient online =
          HttpChatClient.create(
              Settings.at(sim.baseUrl()).cacheDir(dir.resolve("online-cache")).build());
      List<ChatResponse> direct = completeAll(online, requests);
      online.close();

      Prices prices = Prices.defaults();
      double batchCost = 0;
      double onlineCost = 0;
      for (int i = 0; i < requests.size(); i++) {
        assertEquals(
            direct.get(i).content(), batched.get(i).content(), "same completion as online mode");
        batchCost +=
            prices.cost(
                "gpt-4o-mini",
                batched.get(i).promptTokens(),
                batched.get(i).completionTokens(),
                true);
        onlineCost +=
            prices.cost(
                "gpt-4o-mini", direct.get(i).promptTokens(), direct.get(i).completionTokens());
      }
      assertEquals(batchCost, spent, 1e-9, "ledger at batch prices");
      assertEquals(onlineCost / 2, spent, 1e-9, "half of online");
      assertEquals(0, sim.batchApi().inputFilesSubmittedTwice());
      long resubmitted =
          sim.batchApi().customIdSubmissions().values().stream().filter(n -> n > 1).count();
      assertTrue(
          resubmitted >= 50 / 2,
          "the expired batch's unfinished half and the failed lines went again: " + resubmitted);
      assertEquals(200, sim.batchApi().customIdSubmissions().size());
      try (Journal journal = Journal.open(dir.resolve("batch-cache").toString())) {
        assertEquals(200, journal.size(), "each request journaled once");
      }
    }
  }

  @Test
  void givenClientKilledDuringPolling_aRerunReattachesAndNoBatchIsSubmittedTwice()
      throws Exception {
    List<ChatRequest> requests = requests(100);
    Path cache = dir.resolve("cache");
    try (SimulatedLlmServer sim =
        SimulatedLlmServer.start(SimConfig.defaults(), new SimBatchConfig(1500, 0, 0))) {
      BatchChatClient first = new BatchChatClient(batchSettings(sim, cache, 50, 0.05), null);
      requests.forEach(first::complete);
      waitFor(() -> sim.batchApi().batchesCreated() == 2);
      first.close(); // killed while its two batches are in progress

      BatchChatClient rerun = new BatchChatClient(batchSettings(sim, cache, 50, 0.05), null);
      List<ChatResponse> done = completeAll(rerun, requests);
      rerun.close();

      assertEquals(100, done.size());
      assertEquals(2, sim.batchApi().batchesCreated(), "the rerun created no batch");
      assertEquals(0, rerun.batchesCreated());
      assertTrue(sim.batchApi().customIdSubmissions().values().stream().allMatch(n -> n == 1));
      try (Journal journal = Journal.open(cache.toString())) {
        assertEquals(100, journal.size());
      }
    }
  }

  @Test
  void givenBatchCreatedButNotRecorded_aRerunFindsItByItsInputFileInsteadOfCreatingAnother()
      throws Exception {
    List<ChatRequest> requests = requests(10);
    Path cache = dir.resolve("cache");
    try (SimulatedLlmServer sim =
        SimulatedLlmServer.start(SimConfig.defaults(), new SimBatchConfig(200, 0, 0))) {
      LlmSettings settings = batchSettings(sim, cache, 50, 0.05);
      // A run killed between creating the batch and recording its id: upload, intent, create.
      BatchApi api = new BatchApi(sim.baseUrl(), settings, null);
      StringBuilder jsonl = new StringBuilder();
      List<BatchLedger.Line> lines = new ArrayList<>();
      for (ChatRequest r : requests) {
        String key = Journal.key(settings.journalEndpoint(), r);
        JsonObject line = new JsonObject();
        line.addProperty("custom_id", key);
        line.addProperty("method", "POST");
        line.addProperty("url", "/v1/chat/completions");
        line.add(
            "body",
            com.google.gson.JsonParser.parseString(
                OpenAiProtocol.requestBody(r, ModelCatalog.defaults().spec(r.model()))));
        jsonl.append(line).append('\n');
        lines.add(new BatchLedger.Line(key, r.stage(), r.sampleKey(), r.model()));
      }
      String file = api.upload(jsonl.toString().getBytes(StandardCharsets.UTF_8), "in.jsonl");
      BatchLedger.open(cache.toString()).intent(file, lines);
      api.create(file);

      BatchChatClient rerun = new BatchChatClient(settings, null);
      assertEquals(10, completeAll(rerun, requests).size());
      rerun.close();

      assertEquals(1, sim.batchApi().batchesCreated());
      assertEquals(0, sim.batchApi().inputFilesSubmittedTwice());
    }
  }

  @Test
  void givenContextLengthErrorsOnBatchLines_theyGoAgainWithMaxTokensCutAsOnlineModeDoes()
      throws Exception {
    List<ChatRequest> requests = requests(20);
    // Every prompt is 21-22 tokens: 200 completion tokens are over the limit, 160 fit.
    SimConfig limited = SimConfig.defaults().withContextLimitTokens(202);
    try (SimulatedLlmServer sim =
        SimulatedLlmServer.start(limited, new SimBatchConfig(100, 0, 0))) {
      BatchChatClient batch =
          new BatchChatClient(batchSettings(sim, dir.resolve("batch-cache"), 50, 0.05), null);
      List<ChatResponse> batched = completeAll(batch, requests);
      batch.close();
      HttpChatClient online =
          HttpChatClient.create(
              Settings.at(sim.baseUrl()).cacheDir(dir.resolve("online-cache")).build());
      List<ChatResponse> direct = completeAll(online, requests);
      online.close();
      for (int i = 0; i < requests.size(); i++) {
        assertEquals(
            direct.get(i).content(),
            batched.get(i).content(),
            "the online completion at the cut max_tokens");
      }
      assertTrue(
          sim.batchApi().customIdSubmissions().values().stream().allMatch(n -> n == 2),
          "each line refused once, then answered: "
              + sim.batchApi().customIdSubmissions().values());
      try (Journal journal = Journal.open(dir.resolve("batch-cache").toString())) {
        assertEquals(20, journal.size(), "journaled under the original request's key");
        for (ChatRequest r : requests) {
          assertEquals(
              batched.get(requests.indexOf(r)).content(),
              journal
                  .get(Journal.key(batchSettings(sim, dir, 50, 0.05).journalEndpoint(), r))
                  .content());
        }
      }
    }
  }

  @Test
  void givenContextLengthErrorsThatCuttingCannotFix_batchLinesFailAsBadRequestsAsOnline()
      throws Exception {
    List<ChatRequest> requests = requests(3);
    try (SimulatedLlmServer sim =
        SimulatedLlmServer.start(
            SimConfig.defaults().withContextLimitTokens(10), new SimBatchConfig(50, 0, 0))) {
      BatchChatClient batch =
          new BatchChatClient(batchSettings(sim, dir.resolve("batch-cache"), 50, 0.05), null);
      HttpChatClient online =
          HttpChatClient.create(Settings.at(sim.baseUrl()).maxRetries(4).build());
      for (ChatRequest r : requests) {
        LlmFailure inBatch = failure(batch.complete(r));
        LlmFailure inOnline = failure(online.complete(r));
        assertEquals(inOnline.kind(), inBatch.kind());
        assertEquals(org.medinstruct.model.FailureKind.BAD_REQUEST, inBatch.kind());
        assertEquals(400, inBatch.status());
        assertTrue(inBatch.error().contains("context_length_exceeded"), inBatch.error());
      }
      batch.close();
      online.close();
      assertTrue(
          sim.batchApi().customIdSubmissions().values().stream().allMatch(n -> n == 5),
          "first batch plus maxRetries (4) with max_tokens cut: "
              + sim.batchApi().customIdSubmissions().values());
    }
  }

  private static LlmFailure failure(CompletableFuture<ChatResponse> f) throws InterruptedException {
    try {
      f.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return LlmFailure.of(e);
    }
    throw new AssertionError("expected a failure");
  }
}
