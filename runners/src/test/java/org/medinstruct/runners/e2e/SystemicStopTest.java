package org.medinstruct.runners.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * A wrong API key against the simulated endpoint (a test double for a paid API) started with a
 * required key: the run stops as a whole within seconds, after a handful of requests, writes
 * nothing and exits 5 with one message naming the key.
 */
class SystemicStopTest {
  private static final String RIGHT_KEY = "sk-right-key-7Qe2";
  private static final String WRONG_KEY = "sk-wrong-key-Zp91";

  @TempDir Path tmp;

  private static SimConfig keyed() {
    return SimConfig.defaults().withRequiredApiKey(RIGHT_KEY);
  }

  @Test
  void givenWrongKey_generateOnDirectRunnerExits5Within30sAfterAtMost50RequestsWritingNothing()
      throws Exception {
    Path keyFile = Files.writeString(tmp.resolve("key"), WRONG_KEY + "\n");
    Path out = tmp.resolve("out");
    try (SimulatedLlmServer sim = SimulatedLlmServer.start(keyed())) {
      long started = System.nanoTime();
      E2e.Result r =
          E2e.runInProcess(
              "generate",
              "--targetInstructions=400",
              "--output=" + out,
              "--cacheDir=" + tmp.resolve("cache"),
              "--llmBaseUrl=" + sim.baseUrl(),
              "--llmApiKeyFile=" + keyFile);
      double seconds = (System.nanoTime() - started) / 1e9;

      System.out.printf(
          "wrong key, Direct Runner: exit %d after %.1f s and %d chat requests%n",
          r.exitCode(), seconds, sim.stats().chatRequests());
      assertThat(r.out() + r.err(), r.exitCode(), is(5));
      assertThat(seconds, lessThan(30.0));
      assertThat(sim.stats().chatRequests(), lessThanOrEqualTo(50L));
      assertThat(r.err(), containsString("refused the API key"));
      assertThat(r.err(), containsString("--llmApiKeyFile"));
      assertThat(r.out() + r.err(), not(containsString(WRONG_KEY)));
      assertThat("nothing is written", Files.exists(out.resolve("medinstruct.json")), is(false));
      assertThat(Files.exists(out.resolve("summary.json")), is(false));
    }
  }

  @Test
  void givenWrongKeyAndNoPreflight_theCircuitBreakerStopsRespondAfterAHandfulOfRequests()
      throws Exception {
    Path tasks = E2e.writeTasks(tmp.resolve("tasks.jsonl"), 300);
    Path keyFile = Files.writeString(tmp.resolve("key"), WRONG_KEY);
    Path out = tmp.resolve("out");
    try (SimulatedLlmServer sim = SimulatedLlmServer.start(keyed())) {
      // Without the preflight probe the first requests of the pipeline meet the 401s.
      E2e.Result r =
          E2e.runInProcess(
              "respond",
              "--input=" + tasks,
              "--output=" + out,
              "--checkEndpoint=false",
              "--cacheDir=" + tmp.resolve("cache"),
              "--llmBaseUrl=" + sim.baseUrl(),
              "--llmApiKeyFile=" + keyFile);

      assertThat(r.out() + r.err(), r.exitCode(), is(5));
      assertThat(r.err(), containsString("refused the API key"));
      assertThat(sim.stats().chatRequests(), greaterThan(0L));
      assertThat(sim.stats().chatRequests(), lessThanOrEqualTo(50L));
      assertThat(Files.exists(out.resolve("medinstruct.jsonl")), is(false));
    }
  }

  @Test
  void givenRightKey_theSameRunSucceeds() throws Exception {
    Path tasks = E2e.writeTasks(tmp.resolve("tasks.jsonl"), 10);
    Path keyFile = Files.writeString(tmp.resolve("key"), RIGHT_KEY);
    Path out = tmp.resolve("out");
    try (SimulatedLlmServer sim = SimulatedLlmServer.start(keyed())) {
      E2e.Result r =
          E2e.runInProcess(
              "respond",
              "--input=" + tasks,
              "--output=" + out,
              "--cacheDir=" + tmp.resolve("cache"),
              "--llmBaseUrl=" + sim.baseUrl(),
              "--llmApiKeyFile=" + keyFile);

      assertThat(r.out() + r.err(), r.exitCode(), is(0));
      assertThat(E2e.summary(out).get("status").getAsString(), is("ok"));
    }
  }
}
