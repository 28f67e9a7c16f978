package org.medinstruct.stages;

import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medinstruct.model.FailureKind;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.StageOutput;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimFault;
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

  private StageOutput<MedTask> generate(
      TestPipeline p, SimConfig config, int maxRetries, int requests) {
    return generate(p, config, SimFault.none(), maxRetries, requests);
  }

  private StageOutput<MedTask> generate(
      TestPipeline p, SimConfig config, SimFault fault, int maxRetries, int requests) {
    server = SimulatedLlmServer.start(config, fault);
    List<MedTask> seeds = SeedLoader.loadDefault();
    List<GenerationRequest> planned = new java.util.ArrayList<>();
    for (int i = 0; i < requests; i++) {
      planned.add(GenerationRequest.planned(i, 1));
    }
    return p.apply("Requests", Create.of(planned).withCoder(GenerationRequestCoder.of()))
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
    StageOutput<MedTask> result = generate(p, SimConfig.defaults(), 3, 4);
    PAssert.that(result.values())
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
    PAssert.thatSingleton(result.extra(Usage.TAG).apply(Count.globally())).isEqualTo(4L);
    PAssert.that(result.failed()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void givenEndpointAlwaysFailing_everyRequestIsADeadLetterNamingIt(TestPipeline p) {
    SimConfig failing = SimConfig.defaults().withFaultRate(1.0).withSeed(1);
    StageOutput<MedTask> result = generate(p, failing, 0, 3);
    PAssert.that(result.values()).empty();
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

  @Test
  void givenMalformedCompletions_deadLettersThoseRequestsAsMalformedAndParsesTheOthers(
      TestPipeline p) {
    // Two requests answered, then every completion is garbage (an HTML page or cut-off JSON).
    StageOutput<MedTask> result =
        generate(p, SimConfig.defaults(), new SimFault(SimFault.Mode.GARBAGE, 2), 0, 4);
    PAssert.that(
            result
                .failed()
                .apply(
                    "StageAndKind",
                    MapElements.into(TypeDescriptors.strings())
                        .via(f -> f.stage() + "/" + f.kind())))
        .containsInAnyOrder(
            GenerateInstructions.STAGE + "/" + FailureKind.MALFORMED,
            GenerateInstructions.STAGE + "/" + FailureKind.MALFORMED);
    PAssert.thatSingleton(result.extra(Usage.TAG).apply(Count.globally())).isEqualTo(2L);
    PAssert.that(
            result
                .values()
                .apply(
                    "RequestsWithTasks",
                    MapElements.into(TypeDescriptors.longs()).via(MedTask::requestIndex)))
        .satisfies(
            indexes -> {
              java.util.Set<Long> distinct = new java.util.HashSet<>();
              indexes.forEach(distinct::add);
              if (distinct.size() != 2) {
                throw new AssertionError("tasks of exactly the 2 answered requests: " + distinct);
              }
              return null;
            });
    p.run().waitUntilFinish();
  }
}
