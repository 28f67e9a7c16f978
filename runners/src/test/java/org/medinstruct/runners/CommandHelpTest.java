package org.medinstruct.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code medinstruct <command> --help}: that command's options only; runner options on request. */
class CommandHelpTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void generateHelp_listsGenerateOptionsGroupedWithDefaults_andNoBeamOrGcpOptions() {
    assertThat(run("generate", "--help"), is(0));
    String help = stdout();
    assertThat(help, containsString("--targetInstructions=<int>"));
    assertThat(help, containsString("[200] Exact number of accepted"));
    assertThat(help, containsString("LlmOptions: "));
    assertThat(help, containsString("--output=<string>"));
    assertThat(help, containsString("(required)"));
    assertThat(help, not(containsString("--gcpTempLocation")));
    assertThat(help, not(containsString("--tempLocation")));
    assertThat(help, not(containsString("--flinkMaster")));
    assertThat(help, not(containsString("--input=")));
  }

  @Test
  void generateHelpWithFlinkRunner_addsTheRunnersOptions() {
    assertThat(run("generate", "--help", "--runner=FlinkRunner"), is(0));
    assertThat(stdout(), containsString("--flinkMaster=<string>"));
    assertThat(stdout(), containsString("--parallelism=<int>"));
    assertThat(stdout(), containsString("--targetInstructions=<int>"));
    assertThat(stdout(), not(containsString("--gcpTempLocation")));
  }

  @Test
  void eachCommandsHelp_listsOnlyItsOwnOptions() {
    assertThat(run("respond", "--help"), is(0));
    assertThat(stdout(), containsString("--input=<string>"));
    assertThat(stdout(), not(containsString("--targetInstructions")));
    out.reset();
    assertThat(run("dedup", "--help"), is(0));
    assertThat(stdout(), containsString("--dedupThreshold=<double>"));
    assertThat(stdout(), not(containsString("--llmBaseUrl")));
    out.reset();
    assertThat(run("report", "--help"), is(0));
    assertThat(stdout(), containsString("--input=<string>"));
    assertThat(stdout(), not(containsString("--runner")));
    out.reset();
    assertThat(run("simulate-llm", "--help"), is(0));
    assertThat(stdout(), containsString("--faultRate=<double>"));
    assertThat(stdout(), containsString("[42]"));
  }

  @Test
  void helpNamingARegisteredInterface_printsIt() {
    assertThat(run("generate", "--help=GenerateOptions"), is(0));
    assertThat(stdout(), containsString("--seedsPerPrompt=<int>"));
  }

  @Test
  void givenAnotherCommandsOption_exitsTwoPointingToHelp() {
    assertThat(
        run("respond", "--input=x.jsonl", "--output=" + tmp.resolve("o"), "--targetInstructions=3"),
        is(2));
    assertThat(
        err.toString(StandardCharsets.UTF_8),
        containsString("--targetInstructions is not an option of respond"));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("respond --help"));
  }

  @Test
  void everyOptionsInterface_composesWithTheInterfacesRegisteredWithBeam() {
    // Registering GenerateOptions, RespondOptions and FilterOptions makes Beam check every options
    // interface against them (same types, @Default on all or none) when it is first used.
    java.util.List<Class<? extends org.apache.beam.sdk.options.PipelineOptions>> all =
        new java.util.ArrayList<>(CommandHelp.OPTIONS.values());
    all.add(org.medinstruct.runners.flink.SmokePipeline.Options.class);
    for (Class<? extends org.apache.beam.sdk.options.PipelineOptions> c : all) {
      org.apache.beam.sdk.options.PipelineOptionsFactory.fromArgs().as(c);
    }
  }
}
