package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.medinstruct.model.FailureKind;

/** The systemic-stop gate alone, over a fake next layer. */
class StopGateTest {
  private static final String KEY = "sk-gate-secret-456";
  private final FakeTime time = new FakeTime();

  private SystemicStop stop(boolean hasKey, boolean keyExpected) {
    return new SystemicStop(
        StopSettings.defaults(keyExpected),
        null,
        hasKey,
        "http://127.0.0.1:1/v1",
        "env X",
        time::currentTimeMillis);
  }

  @Test
  void givenACompletion_passesItThrough() throws Exception {
    ChatResponse done = new ChatResponse("ok", "stop", 1, 1, 1, false);
    assertEquals(done, new StopGate(r -> done, stop(true, false), KEY).call(Fixtures.request("p")));
  }

  @Test
  void givenAnUnexpectedError_failsAsLlmExceptionWithoutTheKey() {
    ChatCall broken =
        r -> {
          throw new IllegalStateException("boom with " + KEY);
        };
    LlmException e =
        assertThrows(
            LlmException.class,
            () -> new StopGate(broken, stop(true, false), KEY).call(Fixtures.request("p")));
    assertTrue(e.getMessage().startsWith("unexpected IllegalStateException"), e.getMessage());
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void givenAWorkerWithoutTheLaunchersKey_stopsTheRunBeforeSendingAnything() {
    AtomicInteger sent = new AtomicInteger();
    StopGate gate =
        new StopGate(
            r -> {
              sent.incrementAndGet();
              return null;
            },
            stop(false, true),
            null);
    LlmException first = assertThrows(LlmException.class, () -> gate.call(Fixtures.request("a")));
    assertEquals(FailureKind.NO_KEY, first.kind());
    LlmException next = assertThrows(LlmException.class, () -> gate.call(Fixtures.request("b")));
    assertEquals(FailureKind.STOPPED, next.kind());
    assertEquals(0, sent.get());
  }
}
