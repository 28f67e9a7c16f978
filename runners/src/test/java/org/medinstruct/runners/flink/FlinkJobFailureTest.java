package org.medinstruct.runners.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** Finding a detached round job's error: which job, and when not to look. */
class FlinkJobFailureTest {
  private static final String OVERVIEW =
      "{\"jobs\":["
          + "{\"jid\":\"a1\",\"name\":\"run-round2\",\"state\":\"FINISHED\",\"start-time\":100},"
          + "{\"jid\":\"b2\",\"name\":\"run-round3\",\"state\":\"FAILED\",\"start-time\":300},"
          + "{\"jid\":\"c3\",\"name\":\"run-round3\",\"state\":\"FINISHED\",\"start-time\":200}]}";

  @Test
  void latestJob_isTheNewestJobOfThatName() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/jobs/overview",
        exchange -> {
          byte[] body = OVERVIEW.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      assertEquals("b2", FlinkJobFailure.latestJob(base, "run-round3"));
      assertEquals("a1", FlinkJobFailure.latestJob(base, "run-round2"));
      assertNull(FlinkJobFailure.latestJob(base, "run-round9"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void givenNoRemoteFlinkCluster_thereIsNothingToAsk() {
    assertNull(
        FlinkJobFailure.of(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create()));
    assertNull(
        FlinkJobFailure.of(
            PipelineOptionsFactory.fromArgs("--runner=FlinkRunner", "--flinkMaster=[local]")
                .create()));
  }
}
