package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class EndpointStopTest {
  private static JsonObject marker(String kind, int status, boolean workerHasKey) {
    JsonObject m = new JsonObject();
    m.addProperty("kind", kind);
    m.addProperty("status", status);
    m.addProperty("error", "HTTP " + status + " from http://127.0.0.1:9/v1/chat/completions");
    m.addProperty("url", "http://127.0.0.1:9/v1");
    m.addProperty("worker_has_key", workerHasKey);
    m.addProperty("key_source", "env OPENAI_API_KEY");
    m.addProperty("rule", "5 requests in a row failed the same way");
    return m;
  }

  @Test
  void keylessFlinkWorkersAreToldToGetOpenAiApiKeyWithTheFlinkGuide() {
    String m = EndpointStop.message(marker("no_key", 0, false), "FlinkRunner");
    assertThat(m, containsString("the Flink workers have no API key"));
    assertThat(m, containsString("give the TaskManagers OPENAI_API_KEY"));
    assertThat(m, containsString("runners/FLINK.md"));
  }

  @Test
  void refusedKeyOnDirectRunnerNamesTheKeySourceAndTheFix() {
    String m = EndpointStop.message(marker("key_refused", 401, true), "DirectRunner");
    assertThat(m, containsString("refused the API key"));
    assertThat(m, containsString("HTTP 401"));
    assertThat(m, containsString("--llmApiKeyFile"));
    assertThat(m, not(containsString("Flink")));
  }

  @Test
  void notFoundPointsAtTheModelAndTheBaseUrl() {
    String m = EndpointStop.message(marker("not_found", 404, true), "DirectRunner");
    assertThat(m, containsString("--llmBaseUrl"));
    assertThat(m, containsString("--responseModel"));
  }

  @Test
  void garbageBodiesAskWhetherTheUrlIsAnOpenAiEndpoint() {
    String m = EndpointStop.message(marker("malformed", 200, true), "DirectRunner");
    assertThat(m, containsString("not a chat completion"));
    assertThat(m, containsString("--llmBaseUrl"));
    assertThat(m, containsString("same --cacheDir"));
  }

  @Test
  void sustainedServerErrorsNameTheBreakerOptions() {
    String m = EndpointStop.message(marker("server_error", 503, true), "DirectRunner");
    assertThat(m, containsString("--breakerWindow"));
    assertThat(m, containsString("same --cacheDir"));
  }
}
