package org.medinstruct.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.medinstruct.model.UserInputException;

/**
 * The simulated endpoint's lasting faults (it is a test double for a paid API), over a real
 * loopback socket: the first requests are served, then the fault holds.
 */
class SimulatedLastingFaultsTest {
  private static final String BODY =
      SimHttp.body(null, "How is gout treated in older adults?", null, null);

  private static HttpResponse<String> postWithin(String baseUrl, Duration timeout)
      throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return client.send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(BODY))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void givenHangAfterOne_theSecondChatRequestIsNeverAnsweredButModelsStillAnswer()
      throws Exception {
    try (SimulatedLlmServer s =
        SimulatedLlmServer.start(SimConfig.defaults(), new SimFault(SimFault.Mode.HANG, 1))) {
      assertEquals(200, SimHttp.post(s.baseUrl(), BODY).statusCode());
      assertThrows(
          HttpTimeoutException.class, () -> postWithin(s.baseUrl(), Duration.ofMillis(700)));
      assertEquals(200, SimHttp.get(s.baseUrl() + "/models").statusCode());
      assertEquals(2, s.stats().chatRequests());
      assertEquals(1, s.stats().completions());
    }
  }

  @Test
  void givenDieAfterTwo_theThirdRequestIsCutAndNothingListensAnyMore() throws Exception {
    try (SimulatedLlmServer s =
        SimulatedLlmServer.start(SimConfig.defaults(), new SimFault(SimFault.Mode.DIE, 2))) {
      assertEquals(200, SimHttp.post(s.baseUrl(), BODY).statusCode());
      assertEquals(200, SimHttp.post(s.baseUrl(), BODY).statusCode());
      assertThrows(IOException.class, () -> SimHttp.post(s.baseUrl(), BODY));
      long deadline = System.nanoTime() + 5_000_000_000L;
      IOException refused = null;
      while (refused == null && System.nanoTime() < deadline) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
          Thread.sleep(50);
        } catch (IOException e) {
          refused = e;
        }
      }
      assertTrue(
          refused instanceof ConnectException, "a new connection is refused, got " + refused);
      assertEquals(2, s.stats().completions());
      assertEquals(1, s.stats().droppedConnections());
    }
  }

  @Test
  void givenUnauthorizedAfterOne_everyLaterRequestOnEveryPathIsRefused401() throws Exception {
    try (SimulatedLlmServer s =
        SimulatedLlmServer.start(
            SimConfig.defaults(), new SimFault(SimFault.Mode.UNAUTHORIZED, 1))) {
      assertEquals(200, SimHttp.get(s.baseUrl() + "/models").statusCode());
      assertEquals(200, SimHttp.post(s.baseUrl(), BODY).statusCode());
      HttpResponse<String> refused = SimHttp.post(s.baseUrl(), BODY);
      assertEquals(401, refused.statusCode());
      assertEquals(
          "invalid_api_key",
          SimHttp.json(refused).getAsJsonObject("error").get("code").getAsString());
      assertEquals(401, SimHttp.get(s.baseUrl() + "/models").statusCode());
      assertEquals(1, s.stats().completions());
    }
  }

  @Test
  void givenGarbage_chatRequestsGet200WithHtmlOrTruncatedJsonAndNoCompletion() throws Exception {
    try (SimulatedLlmServer s =
        SimulatedLlmServer.start(SimConfig.defaults(), new SimFault(SimFault.Mode.GARBAGE, 0))) {
      HttpResponse<String> first = SimHttp.post(s.baseUrl(), BODY);
      HttpResponse<String> second = SimHttp.post(s.baseUrl(), BODY);
      assertEquals(200, first.statusCode());
      assertEquals(200, second.statusCode());
      assertTrue(first.body().startsWith("{\"id\"") && !first.body().endsWith("}"), first.body());
      assertThrows(
          RuntimeException.class, () -> JsonParser.parseString(first.body()).getAsJsonObject());
      assertTrue(second.body().startsWith("<html>"), second.body());
      assertEquals(0, s.stats().completions());
      assertEquals(2, s.stats().malformedBodies());
    }
  }

  @Test
  void faultOptions_parseAndABadModeNamesTheValidOnes() {
    assertEquals(
        new SimFault(SimFault.Mode.DIE, 5),
        SimulatorMain.parseFault(new String[] {"--fault=die", "--faultAfter=5"}));
    assertEquals(SimFault.none(), SimulatorMain.parseFault(new String[] {"--port=0"}));
    SimulatorMain.parse(new String[] {"--fault=hang", "--faultAfter=3"});
    UserInputException e =
        assertThrows(
            UserInputException.class,
            () -> SimulatorMain.parseFault(new String[] {"--fault=explode"}));
    assertTrue(e.getMessage().contains("none, hang, die, unauthorized or garbage"), e.getMessage());
  }
}
