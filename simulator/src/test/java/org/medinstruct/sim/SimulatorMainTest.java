package org.medinstruct.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medinstruct.model.UserInputException;

class SimulatorMainTest {
  @Test
  void givenKnownOptions_buildsTheConfig() {
    SimConfig c =
        SimulatorMain.parse(
            new String[] {
              "--port=0",
              "--latencyMs=300",
              "--faultRate=0.1",
              "--requestsPerMinute=600",
              "--seed=9",
              "--defectRate=0"
            });
    assertEquals(300, c.latencyMs());
    assertEquals(0.1, c.faultRate());
    assertEquals(600, c.requestsPerMinute());
    assertEquals(9, c.seed());
    assertEquals(0.0, c.defectRate());
  }

  @Test
  void givenUnknownOption_throwsUserInputExceptionNamingIt() {
    UserInputException e =
        assertThrows(
            UserInputException.class,
            () -> SimulatorMain.parse(new String[] {"--port=0", "--latency=5"}));
    assertTrue(e.getMessage().contains("--latency"), e.getMessage());
  }

  @Test
  void givenBadValues_throwsUserInputException() {
    assertThrows(UserInputException.class, () -> SimulatorMain.parse(new String[] {"--port=abc"}));
    assertThrows(
        UserInputException.class, () -> SimulatorMain.parse(new String[] {"--faultRate=2"}));
    assertThrows(UserInputException.class, () -> SimulatorMain.parse(new String[] {"port=1"}));
    assertThrows(
        UserInputException.class,
        () -> SimulatorMain.parse(new String[] {"--apiKeyEnv=MEDINSTRUCT_SURELY_UNSET_VAR"}));
  }

  @Test
  void banner_saysItIsATestDoubleAndGivesTheBaseUrl() {
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults())) {
      String banner = SimulatorMain.banner(s);
      assertTrue(
          banner.contains("simulated LLM endpoint (test double for a paid API) at " + s.baseUrl()),
          banner);
    }
  }

  @Test
  void helpOptions_areExactlyTheParsedOnes_withSimConfigsDefaults() {
    org.apache.beam.sdk.options.PipelineOptions none =
        org.apache.beam.sdk.options.PipelineOptionsFactory.as(SimulateLlmOptions.class);
    SimulateLlmOptions o = none.as(SimulateLlmOptions.class);
    SimConfig d = SimConfig.defaults();
    assertEquals(d.port(), o.getPort());
    assertEquals(d.latencyMs(), o.getLatencyMs());
    assertEquals(d.latencyJitterMs(), o.getLatencyJitterMs());
    assertEquals(d.faultRate(), o.getFaultRate());
    assertEquals(d.requestsPerMinute(), o.getRequestsPerMinute());
    assertEquals(d.contextLimitTokens(), o.getContextLimitTokens());
    assertEquals(d.seed(), o.getSeed());
    assertEquals(d.defectRate(), o.getDefectRate());
    assertEquals(d.refuseResponseFormat(), o.getRefuseResponseFormat());
    for (java.lang.reflect.Method m : SimulateLlmOptions.class.getDeclaredMethods()) {
      if (m.getName().startsWith("get") && !m.getName().equals("getApiKeyEnv")) {
        String name = java.beans.Introspector.decapitalize(m.getName().substring(3));
        String value = m.getReturnType() == boolean.class ? "false" : "0";
        SimulatorMain.parse(new String[] {"--" + name + "=" + value});
      }
    }
  }
}
