package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.medinstruct.model.FailureKind;

class FailureKindTest {
  @Test
  void a400NamingTheModelOrAParameterIsSystemic() {
    assertEquals(
        FailureKind.BAD_PARAMETER,
        OpenAiProtocol.failureKind(
            400, "{\"error\":{\"message\":\"bad\",\"param\":\"temperature\",\"code\":null}}"));
    assertEquals(
        FailureKind.BAD_PARAMETER,
        OpenAiProtocol.failureKind(
            400,
            "{\"error\":{\"message\":\"The model does not exist\",\"code\":\"model_not_found\"}}"));
  }

  @Test
  void a400AboutTheMessagesOrWithoutOpenAiShapeConcernsThatRequestOnly() {
    assertEquals(
        FailureKind.BAD_REQUEST,
        OpenAiProtocol.failureKind(
            400,
            "{\"error\":{\"message\":\"too"
                + " long\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}"));
    assertEquals(
        FailureKind.BAD_REQUEST, OpenAiProtocol.failureKind(400, "<html>bad request</html>"));
  }

  @Test
  void statusesMapToKinds() {
    assertEquals(FailureKind.KEY_REFUSED, OpenAiProtocol.failureKind(401, "{}"));
    assertEquals(FailureKind.KEY_REFUSED, OpenAiProtocol.failureKind(403, "{}"));
    assertEquals(FailureKind.NOT_FOUND, OpenAiProtocol.failureKind(404, "{}"));
    assertEquals(FailureKind.SERVER_ERROR, FailureKind.ofStatus(503));
    assertEquals(FailureKind.UNREACHABLE, FailureKind.ofStatus(0));
    assertEquals(FailureKind.MALFORMED, FailureKind.ofStatus(200));
    assertEquals(FailureKind.RATE_LIMITED, FailureKind.ofStatus(429));
  }
}
