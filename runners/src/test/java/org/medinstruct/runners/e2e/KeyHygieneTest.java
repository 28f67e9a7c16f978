package org.medinstruct.runners.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * The API key, given to a child {@code respond} only through OPENAI_API_KEY, reaches the endpoint
 * (the simulated one, a test double for a paid API, requiring that key) and nothing else: no output
 * file, no journal, no console line, not the command line. Plain http to another host with a key is
 * refused before any connection.
 */
class KeyHygieneTest {
  @TempDir Path tmp;

  @Test
  void givenKeyInEnvironment_keyIsSentButAppearsInNoFileJournalConsoleOrCommandLine()
      throws Exception {
    String key = "sk-test-" + UUID.randomUUID().toString().replace("-", "");
    Path tasks = E2e.writeTasks(tmp.resolve("tasks.jsonl"), 8);
    Path out = tmp.resolve("out");
    Path cache = tmp.resolve("cache");
    Path console = tmp.resolve("console");
    try (SimulatedLlmServer sim =
        SimulatedLlmServer.start(SimConfig.defaults().withRequiredApiKey(key))) {
      Process child =
          E2e.startMain(
              console,
              Map.of("OPENAI_API_KEY", key),
              "respond",
              "--input=" + tasks,
              "--output=" + out,
              "--cacheDir=" + cache,
              "--llmBaseUrl=" + sim.baseUrl());
      Path cmdline = Path.of("/proc", Long.toString(child.pid()), "cmdline");
      String commandLine =
          Files.exists(cmdline)
              ? new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8)
              : String.join(" ", child.info().arguments().orElse(new String[0]));
      assertThat(commandLine, containsString("org.medinstruct.runners.Main"));
      assertThat(commandLine, not(containsString(key)));
      assertThat(child.waitFor(10, TimeUnit.MINUTES), is(true));
      assertThat(E2e.read(console.resolve("stderr.txt")), child.exitValue(), is(0));

      assertThat("the key was sent: no request refused", sim.stats().status(401), is(0L));
      assertThat(sim.stats().completions(), is(8L));
      assertThat(E2e.journaledCompletions(cache), is(8));
      List<Path> files;
      try (Stream<Path> walk =
          Stream.concat(Files.walk(out), Stream.concat(Files.walk(cache), Files.walk(console)))) {
        files = walk.filter(Files::isRegularFile).toList();
      }
      assertThat(files.size(), greaterThan(5));
      for (Path f : files) {
        assertThat(
            f.toString(),
            new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1),
            not(containsString(key)));
      }
    }
  }

  @Test
  void givenKeyAndPlainHttpToAnotherHost_refusesBeforeAnyConnectionUnlessAllowed()
      throws Exception {
    String key = "sk-test-" + UUID.randomUUID().toString().replace("-", "");
    Path keyFile = tmp.resolve("key.txt");
    Files.writeString(keyFile, key + "\n");
    Path tasks = E2e.writeTasks(tmp.resolve("tasks.jsonl"), 3);
    // example.invalid never resolves; the refusal comes before any lookup or connection.
    E2e.Result refused =
        E2e.runInProcess(
            "respond",
            "--input=" + tasks,
            "--output=" + tmp.resolve("out"),
            "--cacheDir=" + tmp.resolve("cache"),
            "--llmBaseUrl=http://example.invalid/v1",
            "--llmApiKeyFile=" + keyFile);
    assertThat(refused.exitCode(), is(2));
    assertThat(refused.err(), containsString("refusing to send the API key over plain http"));
    assertThat(refused.err() + refused.out(), not(containsString(key)));
    assertThat(Files.exists(tmp.resolve("out")), is(false));

    // Allowed explicitly: http://0.0.0.0 is not a loopback name, yet Linux connects it to this
    // machine, where the simulated endpoint listens on 127.0.0.1 (no traffic leaves the machine).
    try (SimulatedLlmServer sim =
        SimulatedLlmServer.start(SimConfig.defaults().withRequiredApiKey(key))) {
      String nonLoopback = "http://0.0.0.0:" + sim.port() + "/v1";
      E2e.Result alsoRefused =
          E2e.runInProcess(
              "respond",
              "--input=" + tasks,
              "--output=" + tmp.resolve("out2"),
              "--cacheDir=" + tmp.resolve("cache2"),
              "--llmBaseUrl=" + nonLoopback,
              "--llmApiKeyFile=" + keyFile);
      assertThat(alsoRefused.exitCode(), is(2));
      assertThat(sim.stats().chatRequests(), is(0L));
      E2e.Result allowed =
          E2e.runInProcess(
              "respond",
              "--input=" + tasks,
              "--output=" + tmp.resolve("out3"),
              "--cacheDir=" + tmp.resolve("cache3"),
              "--llmBaseUrl=" + nonLoopback,
              "--llmApiKeyFile=" + keyFile,
              "--allowInsecureHttp=true");
      assertThat(allowed.err(), allowed.exitCode(), is(0));
      assertThat(sim.stats().completions(), is(3L));
      assertThat(allowed.err() + allowed.out(), not(containsString(key)));
    }
  }
}
