package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CallLlm's DoFns open the shared client in setup and close it in teardown. */
@ExtendWith(TestPipelineExtension.class)
class CallLlmLifecycleTest {
  @Test
  void givenAFinishedPipeline_noDoFnHoldsTheClientAnyMore(TestPipeline p) throws Exception {
    try (ScriptedServer server = new ScriptedServer()) {
      server.respondWith(r -> ScriptedServer.ok("echo", 1, 1));
      LlmSettings s = Settings.at(server.baseUrl()).build();
      p.apply(
              Create.of(
                      List.of(
                          KV.of("a", Fixtures.request("a")),
                          KV.of("b", Fixtures.request("b")),
                          KV.of("c", Fixtures.request("c"))))
                  .withCoder(KvCoder.of(StringUtf8Coder.of(), ChatRequestCoder.of())))
          .apply(CallLlm.<String>using(s).withShards(2));
      p.run().waitUntilFinish();
      assertEquals(0, ChatClients.leases(s));
    }
  }
}
