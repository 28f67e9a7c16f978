package org.medinstruct.stages;

import com.google.gson.JsonParser;
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
import org.medinstruct.llm.PromptLimit;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.StageOutput;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;
import org.medinstruct.tasks.ResponsePrompt;

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
    StageOutput<Example> result =
        p.apply(Create.of(pending).withCoder(ExampleCoder.of()))
            .apply(
                new GenerateResponses(
                    Fixtures.settings(server.baseUrl(), 3),
                    new ModelParams("gpt-3.5-turbo", 1.0, 1.0, 1.5, 1024)));
    PAssert.that(result.values())
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
    PAssert.thatSingleton(result.extra(Usage.TAG).apply(Count.globally())).isEqualTo(6L);
    PAssert.that(result.failed()).empty();
    PAssert.that(result.rejected()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void givenATooLongTaskAndFailingEndpoint_rejectsOneBeforeSendingAndDeadLettersTheRest(
      TestPipeline p) {
    server = SimulatedLlmServer.start(SimConfig.defaults().withFaultRate(1.0).withSeed(1));
    MedTask huge =
        Fixtures.task(
            "long", "Open Q&A", "2", "Explain " + "the dose ".repeat(400) + ".", MedTask.NO_INPUT);
    List<Example> pending = new java.util.ArrayList<>();
    for (MedTask t : List.of(Fixtures.good("t0"), Fixtures.good("t1"), huge)) {
      pending.add(Example.pending(t, null, Double.NaN, null, Double.NaN, "gpt-4"));
    }
    StageOutput<Example> result =
        p.apply(Create.of(pending).withCoder(ExampleCoder.of()))
            .apply(
                new GenerateResponses(
                    Fixtures.settings(server.baseUrl(), 0),
                    new ModelParams("gpt-3.5-turbo", 1.0, 1.0, 1.5, 1024),
                    ResponsePrompt.defaultPrompt(),
                    PromptLimit.of(300, "gpt-3.5-turbo", 1024, PromptLimit.UNKNOWN)));
    PAssert.that(result.values()).empty();
    PAssert.that(
            result
                .rejected()
                .apply(
                    "Rejections",
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.stage() + "/" + r.reason() + "/" + id(r.element()))))
        .containsInAnyOrder("responses/too_long/long");
    PAssert.that(
            result
                .failed()
                .apply(
                    "Failures",
                    MapElements.into(TypeDescriptors.strings())
                        .via(f -> f.stage() + "/" + id(f.element()) + "/" + (f.kind() != null))))
        .containsInAnyOrder("responses/t0/true", "responses/t1/true");
    PAssert.that(result.extra(Usage.TAG)).empty();
    p.run().waitUntilFinish();
  }

  private static String id(String recordJson) {
    return JsonParser.parseString(recordJson).getAsJsonObject().get("id").getAsString();
  }
}
