package org.medinstruct.stages;

import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medinstruct.model.MedTask;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;
import org.medinstruct.tasks.InstructionPrompt;
import org.medinstruct.tasks.SeedLoader;

/** Runs against the simulated endpoint (a test double for a paid API) over a real socket. */
@ExtendWith(TestPipelineExtension.class)
class GenerateInstructionsTest {
  private SimulatedLlmServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private StageResult<MedTask> generate(
      TestPipeline p, SimConfig config, int maxRetries, int requests) {
    server = SimulatedLlmServer.start(config);
    List<MedTask> seeds = SeedLoader.loadDefault();
    List<GenerationRequest> planned = new java.util.ArrayList<>();
    for (int i = 0; i < requests; i++) {
      planned.add(GenerationRequest.planned(i, 1));
    }
    return p.apply(
            "Requests", Create.of(planned).withCoder(SerializableCoder.of(GenerationRequest.class)))
        .apply(
            new GenerateInstructions(
                Fixtures.settings(server.baseUrl(), maxRetries),
                new ModelParams("gpt-4", 1.0, 1.0, 1.5, 3072),
                seeds,
                InstructionPrompt.defaultPrompt().template(),
                3,
                12,
                42));
  }

  @Test
  void givenRequests_parsesTasksWithProvenanceAndCountsUsage(TestPipeline p) {
    StageResult<MedTask> result = generate(p, SimConfig.defaults(), 3, 4);
    PAssert.that(result.output())
        .satisfies(
            tasks -> {
              int n = 0;
              for (MedTask t : tasks) {
                n++;
                if (t.round() != 1
                    || t.requestIndex() < 0
                    || t.requestIndex() > 3
                    || t.seedIds().size() != 3
                    || !t.id().startsWith("mi-")) {
                  throw new AssertionError("bad provenance: " + t);
                }
              }
              if (n < 4 * 8) {
                throw new AssertionError("too few tasks parsed: " + n);
              }
              return null;
            });
    PAssert.thatSingleton(result.usage().apply(Count.globally())).isEqualTo(4L);
    PAssert.that(result.failed()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void givenEndpointAlwaysFailing_everyRequestIsADeadLetterNamingIt(TestPipeline p) {
    SimConfig failing = SimConfig.defaults().withFaultRate(1.0).withSeed(1);
    StageResult<MedTask> result = generate(p, failing, 0, 3);
    PAssert.that(result.output()).empty();
    PAssert.that(result.failed())
        .satisfies(
            fs -> {
              java.util.Set<String> indexes = new java.util.TreeSet<>();
              for (var f : fs) {
                if (!f.stage().equals(GenerateInstructions.STAGE) || f.error() == null) {
                  throw new AssertionError(f.toString());
                }
                indexes.add(
                    com.google.gson.JsonParser.parseString(f.element())
                        .getAsJsonObject()
                        .get("request_index")
                        .getAsString());
              }
              if (!indexes.equals(java.util.Set.of("0", "1", "2"))) {
                throw new AssertionError("each request once: " + indexes);
              }
              return null;
            });
    p.run().waitUntilFinish();
  }
}
