package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.model.FailureKind;
import org.medinstruct.progress.StopMarker;

class SystemicStopTest {
  @TempDir Path dir;
  private final AtomicLong millis = new AtomicLong(1_000_000);

  private SystemicStop stop(boolean keyExpected, boolean hasKey) {
    StopSettings s = new StopSettings(keyExpected, 3, 20, 0.5, 2);
    return new SystemicStop(
        s, dir.toString(), hasKey, "http://127.0.0.1:1/v1", "env OPENAI_API_KEY", millis::get);
  }

  private static LlmException refused() {
    return new LlmException("authentication failed (HTTP 401)", 401, false, 1);
  }

  @Test
  void trippingWritesTheMarkerWithTheCauseAndFailsLaterRequestsWithoutSending() throws Exception {
    SystemicStop stop = stop(false, true);
    for (int i = 0; i < 3; i++) {
      boolean probe = stop.admit();
      stop.release(probe, refused());
    }
    JsonObject marker = StopMarker.read(dir.toString());
    assertEquals("key_refused", marker.get("kind").getAsString());
    assertEquals(401, marker.get("status").getAsInt());
    assertTrue(marker.get("worker_has_key").getAsBoolean());
    LlmException e = assertThrows(LlmException.class, stop::admit);
    assertEquals(FailureKind.STOPPED, e.kind());
  }

  @Test
  void anotherWorkersMarkerStopsThisWorkerAtTheNextCheck() throws Exception {
    SystemicStop stop = stop(false, true);
    stop.release(stop.admit(), null);
    JsonObject cause = new JsonObject();
    cause.addProperty("error", "HTTP 404: model not found");
    StopMarker.write(dir.toString(), cause);
    // Checked at most every MARKER_CHECK_MILLIS: the first check after that interval sees it.
    millis.addAndGet(SystemicStop.MARKER_CHECK_MILLIS);
    LlmException e = assertThrows(LlmException.class, stop::check);
    assertEquals(FailureKind.STOPPED, e.kind());
    assertTrue(e.getMessage().contains("model not found"), e.getMessage());
  }

  @Test
  void aWorkerWithoutTheKeyTheLauncherHadStopsBeforeSending() {
    SystemicStop stop = stop(true, false);
    LlmException e = assertThrows(LlmException.class, stop::admit);
    assertEquals(FailureKind.NO_KEY, e.kind());
    assertFalse(e.getMessage().contains("sk-"), e.getMessage());
    assertEquals("no_key", StopMarker.read(dir.toString()).get("kind").getAsString());
  }

  @Test
  void untilTheFirstSuccessOnlyProbeRequestsAreInFlight() throws Exception {
    SystemicStop stop = stop(false, true);
    assertTrue(stop.admit());
    assertTrue(stop.admit());
    Thread third =
        new Thread(
            () -> {
              try {
                stop.release(stop.admit(), null);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    third.start();
    third.join(300);
    assertTrue(third.isAlive(), "a third request waits while two probes are in flight");
    stop.release(true, null);
    third.join(5000);
    assertFalse(third.isAlive(), "a success opens the gate");
    assertFalse(stop.admit(), "after the first success no probe slot is taken");
  }

  @Test
  void requestSpecificFailuresLeaveTheRunGoing() throws Exception {
    SystemicStop stop = stop(false, true);
    for (int i = 0; i < 10; i++) {
      stop.release(
          stop.admit(), new LlmException("context length", 400, false, 1, FailureKind.BAD_REQUEST));
    }
    assertFalse(stop.stopped());
    assertNull(StopMarker.read(dir.toString()));
  }
}
