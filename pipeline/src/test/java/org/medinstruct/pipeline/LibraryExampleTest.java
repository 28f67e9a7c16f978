package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.example.OneRound;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.pipeline.options.GenerateOptions;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * The library API: the README's example ({@link OneRound}, compiled with the test sources from the
 * public API only) is the README block verbatim and runs one round on the Direct Runner against the
 * built-in simulated endpoint (a test double for a paid API); {@link MedInstruct#run} drives the
 * rounds as {@code generate} does, through the same round composite.
 */
class LibraryExampleTest {
  private static final String START = "// [START round-example]";
  private static final String END = "// [END round-example]";

  @TempDir Path tmp;

  @Test
  void readmeLibraryBlock_isTheCompiledExampleVerbatim() throws Exception {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    String example =
        Files.readString(root.resolve("pipeline/src/test/java/com/example/OneRound.java"));
    String readme = Files.readString(root.resolve("README.md"));

    assertThat(readmeBlock(readme), is(region(example)));
  }

  @Test
  void example_runsOneRoundOnTheDirectRunnerWithRecordsRejectedAndFailedOut() throws Exception {
    Path out = tmp.resolve("example");
    OneRound.main(
        new String[] {"--output=" + out, "--targetInstructions=20", "--requestsPerMinute=6000"});

    List<JsonObject> pairs = Runs.jsonl(out.resolve("pairs.jsonl"));
    assertThat(
        "3 requests of 12 tasks hold at least the target", pairs.size(), greaterThanOrEqualTo(20));
    for (JsonObject pair : pairs) {
      assertThat(pair.keySet(), is(Set.of("instruction", "input", "output")));
      assertThat(pair.get("output").getAsString().isBlank(), is(false));
    }
    List<JsonObject> rejected = Runs.jsonl(out.resolve("rejected.jsonl"));
    assertThat(
        rejected.stream().map(r -> r.get("reason").getAsString()).toList(), everyItem(not(is(""))));
    assertThat(Runs.jsonl(out.resolve("failed.jsonl")), is(empty()));
  }

  @Test
  void run_drivesTheRoundsToTheTargetThroughTheSameRoundAsTheExample() throws Exception {
    try (SimulatedLlmServer simulator = SimulatedLlmServer.start(SimConfig.defaults())) {
      Path example = tmp.resolve("example");
      OneRound.main(
          new String[] {
            "--output=" + example, "--targetInstructions=20", "--requestsPerMinute=6000"
          });
      Path out = tmp.resolve("run");
      GenerateOptions options =
          PipelineOptionsFactory.fromArgs(
                  "--output=" + out,
                  "--targetInstructions=20",
                  "--requestsPerMinute=6000",
                  "--cacheDir=" + tmp.resolve("cache"),
                  "--llmBaseUrl=" + simulator.baseUrl())
              .as(GenerateOptions.class);
      ByteArrayOutputStream printed = new ByteArrayOutputStream();

      JsonObject summary =
          MedInstruct.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8));

      assertThat(summary.get("target_met").getAsBoolean(), is(true));
      assertThat(Runs.count(summary, "accepted"), is(20L));
      assertThat(Runs.dataset(out).size(), is(20));
      Runs.assertReconciles(out);
      assertThat(
          printed.toString(StandardCharsets.UTF_8),
          org.hamcrest.Matchers.containsString("SIMULATED"));
      // Round 1 of the run is the example's round: same options, seed and requests.
      Set<String> fromExample = new HashSet<>();
      Runs.jsonl(example.resolve("pairs.jsonl"))
          .forEach(p -> fromExample.add(p.get("instruction").getAsString()));
      List<String> roundOne = new ArrayList<>();
      for (JsonObject r : Runs.jsonl(out.resolve("medinstruct.jsonl"))) {
        if (r.get("round").getAsInt() == 1) {
          roundOne.add(r.get("instruction").getAsString());
        }
      }
      assertThat(roundOne.isEmpty(), is(false));
      for (String instruction : roundOne) {
        assertThat(fromExample, hasItem(instruction));
      }
    }
  }

  /** The example's region, its common indentation removed. */
  static String region(String source) {
    int from = source.indexOf(START);
    int to = source.indexOf(END);
    if (from < 0 || to < from) {
      throw new AssertionError("OneRound.java has no " + START + " ... " + END + " region");
    }
    List<String> lines = source.substring(source.indexOf('\n', from) + 1, to).lines().toList();
    lines = lines.subList(0, lines.size() - (lines.get(lines.size() - 1).isBlank() ? 1 : 0));
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder b = new StringBuilder();
    lines.forEach(l -> b.append(l.isBlank() ? "" : l.substring(indent)).append('\n'));
    return b.toString();
  }

  /** The first ```java block after the README's library-example marker. */
  static String readmeBlock(String readme) {
    int marker =
        readme.indexOf(
            "<!-- library-example: pipeline/src/test/java/com/example/OneRound.java -->");
    if (marker < 0) {
      throw new AssertionError("README.md has no library-example marker");
    }
    int open = readme.indexOf("```java\n", marker);
    int close = readme.indexOf("\n```", open + 8);
    return readme.substring(open + 8, close + 1);
  }
}
