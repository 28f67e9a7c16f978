package org.medinstruct.pipeline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake OpenAI-compatible endpoint on a real loopback socket (a test double for a paid API) that
 * records what arrived: requests per path, the largest body, and chat bodies answered more than
 * once (each would be a second payment). Modes: answer, 401 everywhere, hang (never answer),
 * garbage (200 with a body that is not JSON); {@link #die()} closes the socket mid-run.
 */
final class FakeEndpoint implements AutoCloseable {
  enum Mode { ANSWER, UNAUTHORIZED, HANG, GARBAGE }

  static final String ANSWER =
      "Asthma is a chronic inflammatory disease of the airways. First-line treatment for"
          + " persistent symptoms is a low-dose inhaled corticosteroid, with a short-acting"
          + " bronchodilator for relief; patients should review inhaler technique and triggers"
          + " with their clinician and seek care promptly if symptoms worsen.";

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-endpoint");
    t.setDaemon(true);
    return t;
  });
  private final CountDownLatch released = new CountDownLatch(1);
  final AtomicInteger chatRequests = new AtomicInteger();
  final AtomicInteger modelRequests = new AtomicInteger();
  final AtomicInteger answered = new AtomicInteger();
  final AtomicInteger answeredTwice = new AtomicInteger();
  final AtomicLong maxBodyBytes = new AtomicLong();
  private final Set<String> answeredBodies = ConcurrentHashMap.newKeySet();
  volatile Mode mode = Mode.ANSWER;
  volatile boolean modelsEndpoint = true;
  volatile long latencyMillis;

  FakeEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  int requests() {
    return chatRequests.get() + modelRequests.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      maxBodyBytes.accumulateAndGet(body.length, Math::max);
      String path = ex.getRequestURI().getPath();
      if (path.endsWith("/models")) {
        modelRequests.incrementAndGet();
      } else {
        chatRequests.incrementAndGet();
      }
      switch (mode) {
        case UNAUTHORIZED -> send(ex, 401, "{\"error\":{\"message\":\"Incorrect API key provided.\",\"code\":\"invalid_api_key\"}}");
        case HANG -> released.await();
        case GARBAGE -> send(ex, 200, "<html>502 Bad Gateway</html>");
        default -> {
          if (path.endsWith("/models")) {
            if (modelsEndpoint) {
              send(ex, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-3.5-turbo\",\"object\":\"model\"}]}");
            } else {
              send(ex, 404, "{\"error\":{\"message\":\"not found\"}}");
            }
            return;
          }
          if (latencyMillis > 0) {
            Thread.sleep(latencyMillis);
          }
          String text = new String(body, StandardCharsets.UTF_8);
          answered.incrementAndGet();
          if (!answeredBodies.add(text)) {
            answeredTwice.incrementAndGet();
          }
          send(ex, 200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
              + "{\"role\":\"assistant\",\"content\":\"" + ANSWER + "\"},\"finish_reason\":\"stop\"}],"
              + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":60,\"total_tokens\":80}}");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(b);
    }
  }

  /** The endpoint dies: the listening socket closes and open exchanges are cut. */
  void die() {
    server.stop(0);
    pool.shutdownNow();
  }

  @Override
  public void close() {
    released.countDown();
    die();
  }
}
