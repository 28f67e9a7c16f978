package org.medinstruct.runners.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimBatchConfig;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * {@code generate --llmMode=batch} on a real local Flink session cluster (2 TaskManagers, one
 * worker client each) against the simulated endpoint's Batch API (a test double for a paid API, in
 * this JVM, reached on 127.0.0.1), with failed lines and an expired first batch: no input file
 * becomes two batches, every request is journaled once in the cacheDir the TaskManagers share, and
 * the dataset equals the Direct Runner's batch-mode dataset byte for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchModeOnFlinkIT {
  private static final SimBatchConfig BATCHES = new SimBatchConfig(1500, 0.05, 1);

  private LocalFlinkCluster cluster;
  @TempDir Path tmp;

  @BeforeAll
  void start() throws Exception {
    cluster = FlinkIt.startCluster("BatchModeOnFlinkIT", 2, 1);
  }

  @AfterAll
  void stop() throws Exception {
    FlinkIt.stopAndAssertNoProcessLeft(cluster);
  }

  private static List<String> args(SimulatedLlmServer sim, Path out, Path cache, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "generate",
                "--targetInstructions=60",
                "--seed=7",
                "--maxRounds=3",
                "--llmMode=batch",
                "--batchPollSeconds=0.3",
                "--llmBaseUrl=" + sim.baseUrl(),
                "--output=" + out,
                "--cacheDir=" + cache));
    a.addAll(List.of(more));
    return a;
  }

  @Test
  void
      givenBatchModeOnTwoTaskManagers_noBatchIsSubmittedTwiceEachRequestIsJournaledOnceAndTheDatasetEqualsDirect()
          throws Exception {
    Path direct = tmp.resolve("direct");
    Path flink = tmp.resolve("flink");
    Path flinkCache = tmp.resolve("cache-flink");
    try (SimulatedLlmServer forDirect = SimulatedLlmServer.start(SimConfig.defaults(), BATCHES)) {
      FlinkIt.Run run = FlinkIt.medinstruct(args(forDirect, direct, tmp.resolve("cache-direct")));
      assertEquals(0, run.exitCode(), run.output());
    }
    try (SimulatedLlmServer sim = SimulatedLlmServer.start(SimConfig.defaults(), BATCHES)) {
      FlinkIt.Run run =
          FlinkIt.medinstruct(
              args(
                  sim,
                  flink,
                  flinkCache,
                  "--runner=FlinkRunner",
                  "--flinkMaster=" + cluster.flinkMaster(),
                  "--parallelism=2",
                  "--llmWorkers=2"));
      assertEquals(0, run.exitCode(), run.output());

      assertTrue(sim.batchApi().batchesCreated() > 0);
      assertEquals(
          0, sim.batchApi().inputFilesSubmittedTwice(), "an input file made into two batches");
      assertTrue(
          sim.batchApi().customIdSubmissions().values().stream().anyMatch(n -> n > 1),
          "the failed and expired lines went again");
      List<String> keys = journalKeys(flinkCache);
      assertEquals(keys.size(), new HashSet<>(keys).size(), "a request journaled twice");
      assertEquals(
          sim.batchApi().customIdSubmissions().keySet(),
          new HashSet<>(keys),
          "every request submitted is journaled");
    }
    JsonObject summary =
        JsonParser.parseString(Files.readString(flink.resolve("summary.json"))).getAsJsonObject();
    assertEquals("batch", summary.get("llm_mode").getAsString());
    assertEquals(60, summary.get("accepted").getAsInt());
    for (String f : new String[] {"medinstruct.json", "medinstruct.jsonl", "rejected.jsonl"}) {
      assertArrayEquals(
          Files.readAllBytes(direct.resolve(f)),
          Files.readAllBytes(flink.resolve(f)),
          f + " differs between Direct Runner and Flink");
    }
  }

  private static List<String> journalKeys(Path cache) throws Exception {
    List<String> keys = new ArrayList<>();
    try (Stream<Path> files = Files.list(cache)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().matches("journal-.*\\.jsonl")).toList()) {
        for (String line : Files.readAllLines(f)) {
          if (!line.isBlank()) {
            keys.add(JsonParser.parseString(line).getAsJsonObject().get("key").getAsString());
          }
        }
      }
    }
    return keys;
  }
}
