package org.medinstruct.runners.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * The API key on a real local Flink session cluster, against the simulated endpoint (a test double
 * for a paid API) started with a required canary key: {@code flink-cluster start} hands the key to
 * the TaskManagers and it reaches nothing else; a cluster started without it makes a keyed run stop
 * with exit 5 and a message naming the key, never exit 0 with fewer pairs.
 */
class KeyOnFlinkIT {
  private final String canary = "sk-canary-" + UUID.randomUUID().toString().replace("-", "");
  private SimulatedLlmServer simulator;
  private LocalFlinkCluster cluster;
  @TempDir Path tmp;

  @BeforeEach
  void startSimulator() {
    simulator = SimulatedLlmServer.start(SimConfig.defaults().withRequiredApiKey(canary));
  }

  @AfterEach
  void stop() throws Exception {
    simulator.close();
    FlinkIt.stopAndAssertNoProcessLeft(cluster);
  }

  @Test
  void givenClusterStartedWithKeyFile_runSucceedsAndTheKeyIsInNoJobConfigPlanBlobLogCacheOrOutput()
      throws Exception {
    Path keyFile = Files.writeString(tmp.resolve("key"), canary + "\n");
    cluster =
        LocalFlinkCluster.start(
            FlinkIt.script(),
            FlinkIt.workDir("KeyOnFlinkIT-keyed"),
            2,
            1,
            LocalFlinkCluster.freePort(),
            LocalFlinkCluster.freePort(),
            List.of("--llmApiKeyFile=" + keyFile));
    Set<String> before = cluster.jobIds();
    Path out = tmp.resolve("out");
    Path cache = tmp.resolve("cache");
    // The launcher itself has no key here: only the TaskManagers do.
    FlinkIt.Run run =
        FlinkIt.medinstruct(
            List.of(
                "generate",
                "--targetInstructions=20",
                "--maxRounds=2",
                "--runner=FlinkRunner",
                "--flinkMaster=" + cluster.flinkMaster(),
                "--parallelism=2",
                "--llmWorkers=2",
                "--llmBaseUrl=" + simulator.baseUrl(),
                "--output=" + out,
                "--cacheDir=" + cache));

    assertEquals(0, run.exitCode(), run.output());
    assertEquals(
        20,
        JsonParser.parseString(Files.readString(out.resolve("summary.json")))
            .getAsJsonObject()
            .get("accepted")
            .getAsInt());
    assertTrue(simulator.stats().completions() > 0);
    Set<String> jobs = cluster.jobIds();
    jobs.removeAll(before);
    assertEquals(1, jobs.size());
    String job = jobs.iterator().next();
    for (String path :
        List.of(
            "/jobs/" + job + "/config",
            "/jobs/" + job + "/plan",
            "/jobs/" + job,
            "/jobmanager/config",
            "/taskmanagers")) {
      assertFalse(get(path).contains(canary), "the key is in REST " + path);
    }
    assertFalse(run.output().contains(canary), "the key is in the launcher's output");
    // The JobManager's blob and work directories, every log, the config, the cache and the output.
    for (Path dir : List.of(cluster.workDir(), cache, out)) {
      assertNotIn(dir);
    }
  }

  @Test
  void givenClusterWithoutKeyAndLauncherWithKey_runExits5Within60sNamingTheKey() throws Exception {
    cluster =
        LocalFlinkCluster.start(
            FlinkIt.script(),
            FlinkIt.workDir("KeyOnFlinkIT-keyless"),
            2,
            1,
            LocalFlinkCluster.freePort(),
            LocalFlinkCluster.freePort());
    Path out = tmp.resolve("out");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-D" + org.medinstruct.runners.flink.FlinkJobJar.PROPERTY + "=" + FlinkIt.jobJar(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.medinstruct.runners.Main",
                "generate",
                "--targetInstructions=20",
                "--maxRounds=2",
                "--runner=FlinkRunner",
                "--flinkMaster=" + cluster.flinkMaster(),
                "--parallelism=2",
                "--llmWorkers=2",
                "--llmBaseUrl=" + simulator.baseUrl(),
                "--output=" + out,
                "--cacheDir=" + tmp.resolve("cache")));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("OPENAI_API_KEY", canary);
    Path log = tmp.resolve("launcher.txt");
    pb.redirectOutput(log.toFile());
    long started = System.nanoTime();
    Process p = pb.start();
    // JVM start and job submission on a loaded machine come on top of the 60 s.
    boolean ended = p.waitFor(150, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - started) / 1e9;
    String printed = Files.readString(log);
    if (!ended) {
      p.destroyForcibly();
    }
    assertTrue(ended, "launcher still running after " + seconds + " s:\n" + printed);
    if (p.exitValue() == 0) {
      assertEquals(
          20,
          JsonParser.parseString(Files.readString(out.resolve("summary.json")))
              .getAsJsonObject()
              .get("accepted")
              .getAsInt(),
          "exit 0 only with the complete dataset");
      return;
    }
    assertEquals(5, p.exitValue(), printed);
    assertTrue(printed.contains("OPENAI_API_KEY"), printed);
    assertTrue(printed.contains("FLINK.md"), printed);
    assertFalse(printed.contains(canary), "the key is in the launcher's output");
    assertFalse(Files.exists(out.resolve("medinstruct.json")), "nothing is written");
    assertEquals(0, simulator.stats().completions());
    System.out.printf(
        "keyless cluster: exit %d after %.1f s, %d requests reached the endpoint%n",
        p.exitValue(), seconds, simulator.stats().chatRequests());
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(cluster.restUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return r.body();
  }

  private void assertNotIn(Path dir) throws IOException {
    byte[] needle = canary.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes;
        try {
          bytes = Files.readAllBytes(f);
        } catch (IOException vanished) {
          continue;
        }
        assertFalse(indexOf(bytes, needle) >= 0, "the key is in " + f);
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
