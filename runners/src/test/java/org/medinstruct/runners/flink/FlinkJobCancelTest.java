package org.medinstruct.runners.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Against a fake JobManager REST API on loopback (a test double for a Flink cluster). */
class FlinkJobCancelTest {
  @Test
  void cancelsOnlyTheLiveJobOfThisRun() throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          byte[] body =
              exchange.getRequestURI().getPath().equals("/jobs/overview")
                  ? ("{\"jobs\":[{\"jid\":\"a1\",\"name\":\"medinstruct-run-7\",\"state\":\"RUNNING\"},"
                         + "{\"jid\":\"b2\",\"name\":\"other\",\"state\":\"RUNNING\"},"
                         + "{\"jid\":\"c3\",\"name\":\"medinstruct-run-7\",\"state\":\"FINISHED\"}]}")
                      .getBytes(StandardCharsets.UTF_8)
                  : new byte[0];
          exchange.sendResponseHeaders(
              exchange.getRequestMethod().equals("PATCH") ? 202 : 200,
              body.length == 0 ? -1 : body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      List<String> cancelled =
          FlinkJobCancel.cancel(
              "http://127.0.0.1:" + server.getAddress().getPort(), "medinstruct-run-7");
      assertEquals(List.of("a1"), cancelled);
      assertEquals(List.of("GET /jobs/overview", "PATCH /jobs/a1?mode=cancel"), calls);
    } finally {
      server.stop(0);
    }
  }
}
