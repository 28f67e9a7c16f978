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
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;

/** Runs against the simulated endpoint (a test double for a paid API) over a real socket. */
@ExtendWith(TestPipelineExtension.class)
class GenerateResponsesTest {
  private SimulatedLlmServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void givenPendingExamples_fillsEachAnswerAndItsUsage(TestPipeline p) {
    server = SimulatedLlmServer.start(SimConfig.defaults().withDefectRate(0));
    List<Example> pending = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      pending.add(
          Example.pending(Fixtures.good("t" + i), null, Double.NaN, null, Double.NaN, "gpt-4"));
    }
    StageResult<Example> result =
        p.apply(Create.of(pending).withCoder(SerializableCoder.of(Example.class)))
            .apply(
                new GenerateResponses(
                    Fixtures.settings(server.baseUrl(), 3),
                    new ModelParams("gpt-3.5-turbo", 1.0, 1.0, 1.5, 1024)));
    PAssert.that(result.output())
        .satisfies(
            answered -> {
              java.util.Set<String> ids = new java.util.HashSet<>();
              for (Example e : answered) {
                ids.add(e.task().id());
                if (e.output() == null
                    || e.finishReason() == null
                    || !"gpt-3.5-turbo".equals(e.responseModel())
                    || e.completionTokens() <= 0) {
                  throw new AssertionError("not answered: " + e);
                }
              }
              if (ids.size() != 6) {
                throw new AssertionError("every task once: " + ids);
              }
              return null;
            });
    PAssert.thatSingleton(result.usage().apply(Count.globally())).isEqualTo(6L);
    PAssert.that(result.failed()).empty();
    p.run().waitUntilFinish();
  }
}
