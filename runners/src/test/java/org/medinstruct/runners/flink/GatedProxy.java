package org.medinstruct.runners.flink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A forwarding HTTP proxy on 127.0.0.1 in front of the simulated LLM endpoint (itself a test double
 * for a paid API), with a gate: {@link #drain()} answers new requests with 429 (a retryable "slow
 * down" that the client retries) and waits until no forwarded request is in flight. The failover
 * test kills a TaskManager while drained, so the kill lands between requests rather than inside
 * one: a request the provider already answered but whose worker died before journaling it is paid
 * twice by any client, and is not what the test is about.
 */
final class GatedProxy implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String target;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong turnedAway = new AtomicLong();
  private volatile boolean draining;

  private GatedProxy(String target) throws IOException {
    this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** Proxies {@code targetBaseUrl} (e.g. {@code http://127.0.0.1:N/v1}). */
  static GatedProxy start(String targetBaseUrl) throws IOException {
    return new GatedProxy(URI.create(targetBaseUrl).resolve("/").toString());
  }

  /** The base URL to pass as {@code --llmBaseUrl}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Turns new requests away (429) and waits until none is in flight. */
  void drain() throws InterruptedException {
    draining = true;
    Instant deadline = Instant.now().plusSeconds(30);
    while (inFlight.get() > 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(inFlight.get() + " requests still in flight after 30 s");
      }
      Thread.sleep(5);
    }
  }

  /** Forwards requests again. */
  void open() {
    draining = false;
  }

  long turnedAway() {
    return turnedAway.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      if (draining) {
        turnedAway.incrementAndGet();
        ex.getResponseHeaders().add("retry-after-ms", "300");
        reply(
            ex,
            429,
            "{\"error\":{\"message\":\"proxy draining\",\"type\":\"rate_limit\"}}".getBytes());
        return;
      }
      inFlight.incrementAndGet();
      try {
        if (draining) { // drain() began between the check and the increment
          turnedAway.incrementAndGet();
          ex.getResponseHeaders().add("retry-after-ms", "300");
          reply(
              ex,
              429,
              "{\"error\":{\"message\":\"proxy draining\",\"type\":\"rate_limit\"}}".getBytes());
          return;
        }
        HttpRequest.Builder request =
            HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
                .timeout(Duration.ofMinutes(2))
                .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type != null) {
          request.header("Content-Type", type);
        }
        HttpResponse<byte[]> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response
            .headers()
            .firstValue("Content-Type")
            .ifPresent(v -> ex.getResponseHeaders().add("Content-Type", v));
        reply(ex, response.statusCode(), response.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reply(ex, 502, new byte[0]);
      } catch (IOException e) {
        reply(ex, 502, new byte[0]);
      } finally {
        inFlight.decrementAndGet();
      }
    } catch (IOException ignored) {
      // The client is gone (its TaskManager was killed): nothing to answer.
    }
  }

  private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
