package org.medinstruct.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.pipeline.CacheDirLock;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * The preflight refuses a run before its first paid request, against the built-in simulated
 * endpoint (a test double for a paid API) on a real socket, which counts every request it receives.
 */
class PreflightTest {
  private static final String KEY = "sk-medinstruct-FAKE-KEY-preflight";
  @TempDir Path tmp;
  private SimulatedLlmServer sim;
  private Path tasks;
  private Path keyFile;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    sim = SimulatedLlmServer.start(SimConfig.defaults().withRequiredApiKey(KEY));
    tasks =
        Files.writeString(tmp.resolve("tasks.jsonl"), "{\"instruction\": \"Explain asthma.\"}\n");
    keyFile = Files.writeString(tmp.resolve("key.txt"), KEY);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private int respond(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "respond",
                "--input=" + tasks,
                "--llmApiKeyFile=" + keyFile,
                "--llmBaseUrl=" + sim.baseUrl(),
                "--cacheDir=" + tmp.resolve("cache")));
    boolean hasOutput = false;
    for (String e : extra) {
      hasOutput |= e.startsWith("--output=");
      if (e.startsWith("--llmApiKeyFile=")
          || e.startsWith("--llmBaseUrl=")
          || e.startsWith("--cacheDir=")) {
        args.removeIf(a -> a.startsWith(e.substring(0, e.indexOf('=') + 1)));
      }
      args.add(e);
    }
    if (!hasOutput) {
      args.add("--output=" + tmp.resolve("out"));
    }
    return Main.run(
        args.toArray(String[]::new),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String message() {
    String m = err.toString(StandardCharsets.UTF_8);
    assertThat(m, not(containsString(KEY)));
    assertThat(m, not(containsString("Exception")));
    return m;
  }

  @Test
  void givenOutputThatCannotBeWritten_exitsTwoWithNoRequestAtTheEndpoint() {
    assertThat(respond("--output=/proc/x"), is(2));
    assertThat(message(), containsString("--output: cannot write to /proc/x"));
    assertThat(sim.stats().requests(), is(0L));
  }

  @Test
  void givenCacheDirThatCannotBeWritten_exitsTwoWithNoRequestAtTheEndpoint() {
    assertThat(respond("--cacheDir=/proc/y"), is(2));
    assertThat(message(), containsString("--cacheDir: cannot write to /proc/y"));
    assertThat(sim.stats().requests(), is(0L));
  }

  @Test
  void givenWrongKey_exitsFiveAfterOneFreeModelsCallAndNoCompletion() throws Exception {
    assertThat(
        respond(
            "--llmApiKeyFile=" + Files.writeString(tmp.resolve("wrong.txt"), "sk-wrong-key-123")),
        is(5));
    assertThat(message(), containsString("refused the API key (HTTP 401)"));
    assertThat(sim.stats().chatRequests(), is(0L));
    assertThat(sim.stats().requests(), is(1L));
    assertThat(Files.exists(tmp.resolve("out")), is(false));
  }

  @Test
  void givenEndpointNotRunning_exitsFiveNamingIt() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertThat(respond("--llmBaseUrl=http://127.0.0.1:" + port + "/v1"), is(5));
    assertThat(
        message(),
        containsString("cannot reach the endpoint http://127.0.0.1:" + port + "/v1/models"));
  }

  @Test
  void givenBudgetAndModelWithoutPrice_exitsTwoBeforeAnyRequest() {
    assertThat(respond("--maxCostUsd=1", "--responseModel=my-private-model"), is(2));
    assertThat(message(), containsString("model \"my-private-model\" has no price"));
    assertThat(sim.stats().requests(), is(0L));
  }

  @Test
  void givenAnotherRunOnTheCacheDir_secondRunRefusesNamingIt() {
    try (CacheDirLock running = CacheDirLock.acquire(tmp.resolve("cache").toString())) {
      assertThat(respond(), is(2));
    }
    assertThat(message(), containsString("is in use by another run (pid@host "));
    assertThat(sim.stats().requests(), is(0L));
  }

  @Test
  void givenGoodKey_preflightPassesAndTheRunIsPaidOnce() {
    assertThat(respond(), is(0));
    assertThat(sim.stats().chatRequests(), is(1L));
    assertThat(sim.stats().duplicateCompletions(), is(0L));
  }
}
