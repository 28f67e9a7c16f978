package org.medinstruct.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SimConfigTest {
  @Test
  void eachWither_setsItsComponentAndKeepsEveryOther() {
    SimConfig c =
        SimConfig.defaults()
            .withPort(1)
            .withLatency(2, 3)
            .withFaultRate(0.5)
            .withRequestsPerMinute(4)
            .withContextLimitTokens(5)
            .withRequiredApiKey("k")
            .withSeed(6)
            .withDefectRate(0.25)
            .withInputWords(new SimConfig.InputWords(7, 8))
            .withRefuseResponseFormat(true);
    assertEquals(1, c.port());
    assertEquals(2, c.latencyMs());
    assertEquals(3, c.latencyJitterMs());
    assertEquals(0.5, c.faultRate());
    assertEquals(4, c.requestsPerMinute());
    assertEquals(5, c.contextLimitTokens());
    assertEquals("k", c.requiredApiKey());
    assertEquals(6, c.seed());
    assertEquals(0.25, c.defectRate());
    assertEquals(new SimConfig.InputWords(7, 8), c.inputWords());
    assertEquals(true, c.refuseResponseFormat());
  }

  @Test
  void aWitherLeavesTheOriginalUnchanged() {
    SimConfig d = SimConfig.defaults();
    d.withSeed(7).withRequiredApiKey("k");
    assertEquals(SimConfig.defaults(), d);
  }

  @Test
  void aWitherValidatesLikeTheConstructor() {
    assertThrows(IllegalArgumentException.class, () -> SimConfig.defaults().withFaultRate(2));
    assertThrows(IllegalArgumentException.class, () -> SimConfig.defaults().withPort(70000));
  }
}
