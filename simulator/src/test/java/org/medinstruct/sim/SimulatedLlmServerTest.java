package org.medinstruct.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedLlmServerTest {
  private static final String QUESTION =
      "Explain the first-line treatment of asthma in children under five.\n\n<noinput>";

  @Test
  void givenSameBodyTwice_returnsSameCompletion() throws Exception {
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults())) {
      String body = SimHttp.body("You are a helpful medical assistant.", QUESTION, null, null);
      String first = SimHttp.content(SimHttp.post(s.baseUrl(), body));
      String second = SimHttp.content(SimHttp.post(s.baseUrl(), body));
      assertEquals(first, second);
      String other =
          SimHttp.content(
              SimHttp.post(
                  s.baseUrl(),
                  SimHttp.body(
                      "You are a helpful medical assistant.", QUESTION + " ", null, null)));
      assertNotEquals(first, other, "a different prompt should give a different answer");
    }
  }

  @Test
  void givenSameBodyOnTwoServersWithSameSeed_returnsSameCompletion() throws Exception {
    String body =
        SimHttp.body(
            null,
            SimPrompts.prompt(SimPrompts.seedInstructions(), new java.util.SplittableRandom(1)),
            List.of("16. Type:"),
            null);
    String a;
    String b;
    String c;
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults())) {
      a = SimHttp.content(SimHttp.post(s.baseUrl(), body));
    }
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults())) {
      b = SimHttp.content(SimHttp.post(s.baseUrl(), body));
    }
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults().withSeed(7))) {
      c = SimHttp.content(SimHttp.post(s.baseUrl(), body));
    }
    assertEquals(a, b);
    assertNotEquals(a, c, "another config seed gives another dataset");
  }

  @Test
  void completion_hasOpenAiShapeAndCharsOver4TokenCounts() throws Exception {
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults().withDefectRate(0))) {
      String system = "Answer as a physician.";
      HttpResponse<String> r =
          SimHttp.post(s.baseUrl(), SimHttp.body(system, QUESTION, null, null));
      assertEquals(200, r.statusCode());
      assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
      JsonObject o = SimHttp.json(r);
      assertTrue(o.get("id").getAsString().startsWith("chatcmpl-"));
      assertEquals("chat.completion", o.get("object").getAsString());
      assertTrue(o.get("created").getAsLong() > 1_600_000_000L);
      assertEquals("gpt-3.5-turbo", o.get("model").getAsString());
      JsonObject choice = o.getAsJsonArray("choices").get(0).getAsJsonObject();
      assertEquals(0, choice.get("index").getAsInt());
      assertEquals("assistant", choice.getAsJsonObject("message").get("role").getAsString());
      assertEquals("stop", choice.get("finish_reason").getAsString());
      String content = SimHttp.content(r);
      JsonObject usage = o.getAsJsonObject("usage");
      int prompt = (system.length() + 3) / 4 + (QUESTION.length() + 3) / 4;
      assertEquals(prompt, usage.get("prompt_tokens").getAsInt());
      assertEquals((content.length() + 3) / 4, usage.get("completion_tokens").getAsInt());
      assertEquals(prompt + (content.length() + 3) / 4, usage.get("total_tokens").getAsInt());
      assertTrue(r.headers().firstValue("x-ratelimit-limit-requests").isPresent());
    }
  }

  @Test
  void givenSmallMaxTokens_cutsContentAndFinishesWithLength() throws Exception {
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults().withDefectRate(0))) {
      String full =
          SimHttp.content(SimHttp.post(s.baseUrl(), SimHttp.body(null, QUESTION, null, null)));
      HttpResponse<String> r = SimHttp.post(s.baseUrl(), SimHttp.body(null, QUESTION, null, 10));
      assertEquals("length", SimHttp.finishReason(r));
      String cut = SimHttp.content(r);
      assertEquals(full.substring(0, 40), cut);
      assertEquals(
          10, SimHttp.json(r).getAsJsonObject("usage").get("completion_tokens").getAsInt());
      HttpResponse<String> roomy =
          SimHttp.post(s.baseUrl(), SimHttp.body(null, QUESTION, null, 4000));
      assertEquals("stop", SimHttp.finishReason(roomy));
      assertEquals(full, SimHttp.content(roomy));
    }
  }

  @Test
  void givenWrongOrMissingKey_answers401WithoutEchoingTheKey() throws Exception {
    String key = "sk-test-secret-123456";
    try (SimulatedLlmServer s =
        SimulatedLlmServer.start(SimConfig.defaults().withRequiredApiKey(key))) {
      String body = SimHttp.body(null, QUESTION, null, null);
      HttpResponse<String> wrong = SimHttp.post(s.baseUrl(), body, "sk-wrong-key-999");
      assertEquals(401, wrong.statusCode());
      JsonObject err = SimHttp.json(wrong).getAsJsonObject("error");
      assertEquals("invalid_api_key", err.get("code").getAsString());
      assertEquals("invalid_request_error", err.get("type").getAsString());
      assertFalse(wrong.body().contains("sk-wrong-key-999"));
      assertFalse(wrong.body().contains(key));
      assertEquals(401, SimHttp.post(s.baseUrl(), body, null).statusCode());
      assertEquals(200, SimHttp.post(s.baseUrl(), body, key).statusCode());
      assertFalse(s.config().toString().contains(key));
    }
  }

  @Test
  void givenPromptPlusMaxTokensOverContextLimit_answers400ContextLengthExceeded() throws Exception {
    try (SimulatedLlmServer s =
        SimulatedLlmServer.start(SimConfig.defaults().withContextLimitTokens(100))) {
      String user = "x".repeat(320); // 80 tokens
      HttpResponse<String> r = SimHttp.post(s.baseUrl(), SimHttp.body(null, user, null, 30));
      assertEquals(400, r.statusCode());
      JsonObject err = SimHttp.json(r).getAsJsonObject("error");
      assertEquals("context_length_exceeded", err.get("code").getAsString());
      assertEquals(
          "This model's maximum context length is 100 tokens. However, you requested 110 tokens (80"
              + " in the messages, 30 in the completion). Please reduce the length of the messages"
              + " or completion.",
          err.get("message").getAsString());
      assertEquals(200, SimHttp.post(s.baseUrl(), SimHttp.body(null, user, null, 20)).statusCode());
    }
  }

  @Test
  void givenMalformedRequest_answers400InOpenAiErrorShape() throws Exception {
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults())) {
      HttpResponse<String> r = SimHttp.post(s.baseUrl(), "{not json");
      assertEquals(400, r.statusCode());
      assertEquals(
          "invalid_request_error",
          SimHttp.json(r).getAsJsonObject("error").get("type").getAsString());
      assertEquals(400, SimHttp.post(s.baseUrl(), "{\"model\":\"gpt-4\"}").statusCode());
      assertEquals(404, SimHttp.get(s.baseUrl() + "/embeddings").statusCode());
    }
  }

  @Test
  void modelsEndpoint_listsModels() throws Exception {
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults())) {
      HttpResponse<String> r = SimHttp.get(s.baseUrl() + "/models");
      assertEquals(200, r.statusCode());
      JsonObject o = SimHttp.json(r);
      assertEquals("list", o.get("object").getAsString());
      assertTrue(o.getAsJsonArray("data").size() >= 3);
      assertTrue(r.body().contains("\"gpt-4\""));
    }
  }

  @Test
  void stats_countRequestsStatusesAndDuplicateCompletions() throws Exception {
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults())) {
      String a = SimHttp.body(null, QUESTION, null, null);
      String b = SimHttp.body(null, QUESTION + "?", null, null);
      SimHttp.post(s.baseUrl(), a);
      SimHttp.post(s.baseUrl(), b);
      SimHttp.post(s.baseUrl(), a);
      SimHttp.post(s.baseUrl(), a);
      SimHttp.post(s.baseUrl(), "nope");
      SimStats st = s.stats();
      assertEquals(5, st.chatRequests());
      assertEquals(4, st.completions());
      assertEquals(2, st.duplicateCompletions());
      assertEquals(4, st.status(200));
      assertEquals(1, st.status(400));
      JsonObject json = SimHttp.json(SimHttp.get(s.baseUrl() + "/stats"));
      assertEquals(2, json.get("duplicate_completions").getAsLong());
      assertEquals(4, json.getAsJsonObject("by_status").get("200").getAsLong());
      assertEquals(6, json.get("requests").getAsLong()); // the GET itself counts
      assertTrue(
          SimHttp.get("http://127.0.0.1:" + s.port() + "/stats")
              .body()
              .contains("duplicate_completions"));
    }
  }

  @Test
  void baseUrl_isLoopbackWithEphemeralPort() {
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults())) {
      assertTrue(s.port() > 0);
      assertEquals("http://127.0.0.1:" + s.port() + "/v1", s.baseUrl());
    }
  }
}
