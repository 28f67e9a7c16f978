package org.medinstruct.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the launcher. */
class MainTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void givenUnknownCommand_exitsTwoWithUsage() {
    assertThat(run("frobnicate"), is(2));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("unknown command"));
  }

  @Test
  void givenUnknownOption_exitsTwoNamingIt() {
    assertThat(run("generate", "--output=" + tmp.resolve("o"), "--nonsenseOption=1"), is(2));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("nonsenseOption"));
  }

  @Test
  void givenMalformedSeeds_exitsTwoNamingFileAndLineAndWritesNothing() throws Exception {
    Path seeds = tmp.resolve("seeds.jsonl");
    Files.writeString(seeds, "{\"instruction\": \"Explain asthma.\", \"difficulty\": \"2\"}\n{oops\n");
    Path output = tmp.resolve("out");
    assertThat(run("generate", "--seedTasks=" + seeds, "--output=" + output), is(2));
    String message = err.toString(StandardCharsets.UTF_8);
    assertThat(message, containsString("seeds.jsonl"));
    assertThat(message, containsString("2"));
    assertThat(Files.exists(output), is(false));
  }

  @Test
  void givenBudgetAndUnpricedModel_exitsTwoNamingModelAndFixBeforeAnythingIsSent() {
    Path output = tmp.resolve("out");
    assertThat(run("generate", "--output=" + output, "--maxCostUsd=5", "--responseModel=some-unpriced-model",
        "--cacheDir=" + tmp.resolve("cache")), is(2));
    String message = err.toString(StandardCharsets.UTF_8);
    assertThat(message, containsString("some-unpriced-model"));
    assertThat(message, containsString("--modelsFile"));
    assertThat(Files.exists(output), is(false));
  }

  @Test
  void givenRespondWithBudgetAndUnpricedModel_exitsTwo() throws Exception {
    Path tasks = Files.writeString(tmp.resolve("tasks.jsonl"), "{\"instruction\": \"Explain asthma.\"}\n");
    assertThat(run("respond", "--input=" + tasks, "--output=" + tmp.resolve("out"), "--maxCostUsd=5",
        "--responseModel=some-unpriced-model", "--cacheDir=" + tmp.resolve("cache")), is(2));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("some-unpriced-model"));
  }
}
