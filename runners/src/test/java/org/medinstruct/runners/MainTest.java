package org.medinstruct.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

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
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
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
    Files.writeString(
        seeds, "{\"instruction\": \"Explain asthma.\", \"difficulty\": \"2\"}\n{oops\n");
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
    assertThat(
        run(
            "generate",
            "--output=" + output,
            "--maxCostUsd=5",
            "--responseModel=some-unpriced-model",
            "--cacheDir=" + tmp.resolve("cache")),
        is(2));
    String message = err.toString(StandardCharsets.UTF_8);
    assertThat(message, containsString("some-unpriced-model"));
    assertThat(message, containsString("--modelsFile"));
    assertThat(Files.exists(output), is(false));
  }

  @Test
  void givenRespondWithBudgetAndUnpricedModel_exitsTwo() throws Exception {
    Path tasks =
        Files.writeString(tmp.resolve("tasks.jsonl"), "{\"instruction\": \"Explain asthma.\"}\n");
    assertThat(
        run(
            "respond",
            "--input=" + tasks,
            "--output=" + tmp.resolve("out"),
            "--maxCostUsd=5",
            "--responseModel=some-unpriced-model",
            "--cacheDir=" + tmp.resolve("cache")),
        is(2));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("some-unpriced-model"));
  }

  private String error() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void givenMisspelledOption_exitsTwoNamingCommandOptionNearestNameAndHelp() {
    assertThat(run("generate", "--output=" + tmp.resolve("o"), "--targetInstruction=5"), is(2));
    assertThat(
        error(),
        containsString(
            "medinstruct generate: error: unknown option --targetInstruction; did you mean"
                + " --targetInstructions? (see: runners/medinstruct generate --help)"));
    assertThat(Files.exists(tmp.resolve("o")), is(false));
  }

  @Test
  void givenMisspelledOptionOfRespondDedupOrFilter_suggestsThatCommandsOption() {
    String[][] cases = {
      {"respond", "--inptu=x.jsonl", "did you mean --input?"},
      {"dedup", "--dedupTreshold=0.5", "did you mean --dedupThreshold?"},
      {"filter", "--OUTPUT=o", "did you mean --output?"}
    };
    for (String[] c : cases) {
      err.reset();
      assertThat(c[0], run(c[0], c[1]), is(2));
      assertThat(
          error(),
          containsString("medinstruct " + c[0] + ": error: unknown option " + c[1].split("=")[0]));
      assertThat(error(), containsString(c[2]));
      assertThat(error(), containsString("(see: runners/medinstruct " + c[0] + " --help)"));
    }
  }

  @Test
  void givenTheOldDedupThresholdName_exitsTwoNamingTheNewOne() {
    assertThat(
        run("dedup", "--input=x.jsonl", "--output=" + tmp.resolve("o"), "--threshold=0.5"), is(2));
    assertThat(error(), containsString("--threshold was renamed --dedupThreshold"));
    assertThat(Files.exists(tmp.resolve("o")), is(false));
  }

  @Test
  void givenThresholdOutOfRange_generateAndDedupRefuseItWithTheSameMessage() throws Exception {
    Path in =
        Files.writeString(tmp.resolve("in.jsonl"), "{\"instruction\": \"Explain asthma.\"}\n");
    assertThat(run("generate", "--output=" + tmp.resolve("g"), "--dedupThreshold=1.5"), is(2));
    assertThat(error(), containsString("--dedupThreshold must be in [0, 1], got 1.5"));
    err.reset();
    assertThat(
        run("dedup", "--input=" + in, "--output=" + tmp.resolve("d"), "--dedupThreshold=1.5"),
        is(2));
    assertThat(error(), containsString("--dedupThreshold must be in [0, 1], got 1.5"));
    err.reset();
    assertThat(
        run("generate", "--output=" + tmp.resolve("g"), "--decontaminationThreshold=-0.1"), is(2));
    assertThat(error(), containsString("--decontaminationThreshold must be in [0, 1], got -0.1"));
    assertThat(Files.exists(tmp.resolve("g")), is(false));
    assertThat(Files.exists(tmp.resolve("d")), is(false));
  }

  @Test
  void givenABugInOurCode_anIllegalArgumentException_exitsOneWithTheStackTraceNotTwo() {
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    int status =
        Main.exitStatus("generate", new IllegalArgumentException("index out of plan"), errStream);
    assertThat(status, is(1));
    assertThat(
        error(),
        containsString(
            "medinstruct generate: failed: java.lang.IllegalArgumentException: index out of plan"));
    assertThat(error(), containsString("bug in medinstruct"));
    assertThat(error(), containsString("\tat org.medinstruct.runners.MainTest"));
  }

  @Test
  void givenTypedExceptions_exitStatusComesFromTheType() {
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(
        Main.exitStatus(
            "dedup", new org.medinstruct.model.UserInputException("bad line 3"), errStream),
        is(2));
    assertThat(
        Main.exitStatus(
            "dedup",
            new RuntimeException(new org.medinstruct.model.UserInputException("wrapped")),
            errStream),
        is(2));
    assertThat(
        Main.exitStatus("generate", new org.medinstruct.model.EndpointException("401"), errStream),
        is(5));
    assertThat(error(), not(containsString("bug in medinstruct")));
  }

  @Test
  void givenUnknownOptionFarFromEveryName_suggestsNothing() {
    assertThat(run("generate", "--zzzzqqqq=1"), is(2));
    assertThat(
        error(),
        containsString("unknown option --zzzzqqqq (see: runners/medinstruct generate --help)"));
    assertThat(error(), not(containsString("did you mean")));
  }

  @Test
  void givenRunnerOptionWithoutItsRunner_isUnknownAndWithItIsChecked() {
    assertThat(run("generate", "--flinkMaster=localhost:1"), is(2));
    assertThat(error(), containsString("unknown option --flinkMaster"));
    err.reset();
    assertThat(run("generate", "--runner=DirectRunner", "--targetParallelism=many"), is(2));
    assertThat(error(), containsString("--targetParallelism=many: expected an integer"));
  }

  @Test
  void givenMalformedOptionValue_exitsTwoNamingOptionAndExpectedType() {
    assertThat(run("generate", "--output=" + tmp.resolve("o"), "--targetInstructions=abc"), is(2));
    assertThat(
        error(),
        containsString(
            "medinstruct generate: error: --targetInstructions=abc: expected an integer"
                + " (see: runners/medinstruct generate --help)"));
    assertThat(error(), not(containsString("Exception")));
    assertThat(Files.exists(tmp.resolve("o")), is(false));
  }

  @Test
  void givenMalformedJsonToDedupOrRespond_exitsTwoWithFileLineColumnAndNoGsonText()
      throws Exception {
    Path in =
        Files.writeString(
            tmp.resolve("in.jsonl"), "{\"instruction\": \"a\"}\n\n{\"instruction\": }\n");
    assertThat(run("dedup", "--input=" + in, "--output=" + tmp.resolve("o")), is(2));
    assertThat(
        error(), containsString(in + ": line 3, column 17: malformed JSON (expected a value)"));
    assertThat(error().toLowerCase(java.util.Locale.ROOT), not(containsString("gson")));
    err.reset();
    assertThat(run("respond", "--input=" + in, "--output=" + tmp.resolve("r")), is(2));
    assertThat(error(), containsString(in + ": line 3, column 17: malformed JSON"));
    assertThat(error().toLowerCase(java.util.Locale.ROOT), not(containsString("gson")));
  }
}
