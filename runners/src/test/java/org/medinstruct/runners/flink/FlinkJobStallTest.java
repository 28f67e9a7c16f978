package org.medinstruct.runners.flink;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a fake JobManager REST API on loopback (a test double for a Flink cluster). */
class FlinkJobStallTest {
  private static final long S = 1_000_000_000L;
  private HttpServer server;
  private String base;
  private volatile int slots;
  private volatile String state = "RUNNING";

  @BeforeEach
  void startFakeJobManager() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              switch (exchange.getRequestURI().getPath()) {
                case "/jobs/overview" ->
                    "{\"jobs\":[{\"jid\":\"a1\",\"name\":\"medinstruct-run-7\",\"state\":\""
                        + state
                        + "\"},{\"jid\":\"b2\",\"name\":\"other\",\"state\":\"RUNNING\"}]}";
                case "/overview" ->
                    "{\"taskmanagers\":" + slots + ",\"slots-total\":" + slots + "}";
                case "/jobs/a1" ->
                    "{\"jid\":\"a1\",\"vertices\":[{\"parallelism\":1},{\"parallelism\":2}]}";
                default -> null;
              };
          byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(
              body == null ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String checkAt(long seconds) throws Exception {
    return FlinkJobStall.check(base, "medinstruct-run-7", false, 60, 1_000 * S + seconds * S);
  }

  @Test
  void givenEveryTaskManagerGone_theJobIsStalledOnlyOnceTheWaitIsOver() throws Exception {
    slots = 0;
    assertNull(checkAt(0), "the wait starts");
    assertNull(checkAt(59), "still within the wait");
    String why = checkAt(61);
    assertNotNull(why);
    assertTrue(why.contains("medinstruct-run-7") && why.contains(base), why);
    assertTrue(why.contains("0 task slot(s) on 0 TaskManager(s), and the job needs 2"), why);
    assertTrue(why.contains("Metaspace") && why.contains("runners/FLINK.md"), why);
  }

  @Test
  void givenSlotsBackWithinTheWait_theClockStartsAgain() throws Exception {
    slots = 1;
    assertNull(checkAt(0));
    slots = 2;
    assertNull(checkAt(50), "enough slots again");
    slots = 1;
    assertNull(checkAt(70), "a new wait starts here");
    assertNull(checkAt(129));
    assertNotNull(checkAt(131));
  }

  @Test
  void givenEnoughSlotsOrNoLiveJob_nothingIsStalled() throws Exception {
    slots = 2;
    assertNull(checkAt(0));
    assertNull(checkAt(500));
    slots = 0;
    state = "FINISHED";
    assertNull(checkAt(1000));
    assertNull(checkAt(2000), "a job that ended is not waited for");
  }

  @Test
  void givenBatchExecution_oneSlotLetsTheJobGoOn() throws Exception {
    slots = 1;
    assertNull(FlinkJobStall.check(base, "medinstruct-run-7", true, 60, 0));
    assertNull(FlinkJobStall.check(base, "medinstruct-run-7", true, 60, 500 * S));
    slots = 0;
    assertNull(FlinkJobStall.check(base, "medinstruct-run-7", true, 60, 600 * S));
    assertNotNull(FlinkJobStall.check(base, "medinstruct-run-7", true, 60, 700 * S));
  }
}
