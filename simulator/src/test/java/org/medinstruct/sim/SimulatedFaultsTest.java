package org.medinstruct.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedFaultsTest {
  private static final String BODY =
      SimHttp.body(null, "What are the risk factors of gout in older adults?", null, null);

  @Test
  void givenFaultRateOne_everyFaultKindIsObserved() throws Exception {
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults().withFaultRate(1))) {
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < 60; i++) {
        try {
          HttpResponse<String> r = SimHttp.post(s.baseUrl(), BODY);
          String kind = Integer.toString(r.statusCode());
          if (r.statusCode() == 200) {
            assertThrows(JsonSyntaxException.class, () -> JsonParser.parseString(r.body()));
            kind = "malformed";
          } else {
            String type = SimHttp.json(r).getAsJsonObject("error").get("type").getAsString();
            assertFalse(type.isEmpty());
          }
          if (r.statusCode() == 429) {
            assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
            assertTrue(r.headers().firstValue("x-ratelimit-remaining-requests").isPresent());
          }
          seen.merge(kind, 1, Integer::sum);
        } catch (IOException dropped) {
          seen.merge("dropped", 1, Integer::sum);
        }
      }
      for (String kind : new String[] {"429", "500", "503", "dropped", "malformed"}) {
        assertTrue(seen.getOrDefault(kind, 0) >= 3, "fault " + kind + " seen: " + seen);
      }
      SimStats st = s.stats();
      assertEquals(0, st.completions());
      assertEquals(seen.get("dropped").longValue(), st.droppedConnections());
      assertEquals(seen.get("malformed").longValue(), st.malformedBodies());
    }
  }

  @Test
  void givenFaults_retryOfSameBodySucceedsWithTheFaultFreeContent() throws Exception {
    String expected;
    try (SimulatedLlmServer clean = SimulatedLlmServer.start(SimConfig.defaults())) {
      expected = SimHttp.content(SimHttp.post(clean.baseUrl(), BODY));
    }
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults().withFaultRate(0.6))) {
      int failures = 0;
      String got = null;
      for (int attempt = 0; attempt < 40 && got == null; attempt++) {
        try {
          HttpResponse<String> r = SimHttp.post(s.baseUrl(), BODY);
          if (r.statusCode() == 200 && r.body().endsWith("}")) {
            got = SimHttp.content(r);
          } else {
            failures++;
          }
        } catch (IOException e) {
          failures++;
        }
      }
      assertEquals(expected, got);
      assertEquals(0, s.stats().duplicateCompletions());
      // Every attempt before the good one met an injected fault; exactly one completion was served.
      assertEquals(failures + 1, s.stats().chatRequests());
      assertEquals(1, s.stats().completions());
    }
  }

  @Test
  void givenRequestsPerMinuteExceeded_answers429WithRetryAfterAndRateHeaders() throws Exception {
    try (SimulatedLlmServer s =
        SimulatedLlmServer.start(SimConfig.defaults().withRequestsPerMinute(3))) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> ok = SimHttp.post(s.baseUrl(), BODY);
        assertEquals(200, ok.statusCode());
        assertEquals("3", ok.headers().firstValue("x-ratelimit-limit-requests").orElse(""));
        assertEquals(
            Integer.toString(2 - i),
            ok.headers().firstValue("x-ratelimit-remaining-requests").orElse(""));
        assertTrue(ok.headers().firstValue("x-ratelimit-reset-requests").isPresent());
      }
      HttpResponse<String> limited = SimHttp.post(s.baseUrl(), BODY);
      assertEquals(429, limited.statusCode());
      long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElse("0"));
      assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
      assertEquals("0", limited.headers().firstValue("x-ratelimit-remaining-requests").orElse(""));
      assertEquals(
          "rate_limit_exceeded",
          SimHttp.json(limited).getAsJsonObject("error").get("code").getAsString());
      assertEquals(1, s.stats().status(429));
    }
  }

  @Test
  void requestWindow_admitsAgainOnceTheOldestRequestIsAMinuteOld() {
    RequestWindow w = new RequestWindow(2);
    long t = 1_000_000_000L;
    assertTrue(w.tryAdmit(t).admitted());
    assertTrue(w.tryAdmit(t + 10_000_000_000L).admitted());
    RequestWindow.Decision refused = w.tryAdmit(t + 20_000_000_000L);
    assertFalse(refused.admitted());
    assertEquals(40_000, refused.resetMillis());
    assertTrue(w.tryAdmit(t + RequestWindow.WINDOW_NANOS).admitted());
    assertFalse(w.tryAdmit(t + RequestWindow.WINDOW_NANOS + 1).admitted());
  }

  @Test
  void latency_delaysTheAnswer() throws Exception {
    try (SimulatedLlmServer s =
        SimulatedLlmServer.start(SimConfig.defaults().withLatency(150, 0))) {
      long t0 = System.nanoTime();
      assertEquals(200, SimHttp.post(s.baseUrl(), BODY).statusCode());
      assertTrue((System.nanoTime() - t0) / 1_000_000 >= 150);
    }
  }
}
