package org.medinstruct.runners.ci;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code runners/ci/nightly-regenerate.yml}: the workflow parses; its Generate step, run by bash
 * against a stub launcher, passes every exit status through (0 passes, anything else fails) and
 * fails a run that reports simulated data; the key check comes first; dataset, report and journal
 * are kept on failure; nothing installs or shades.
 */
class NightlyRecipeTest {
  private static final Path RECIPE = Path.of("ci/nightly-regenerate.yml");
  @TempDir Path tmp;

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps() throws IOException {
    Map<String, Object> workflow =
        (Map<String, Object>)
            new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(RECIPE, StandardCharsets.UTF_8));
    Map<String, Object> jobs = (Map<String, Object>) workflow.get("jobs");
    return (List<Map<String, Object>>) ((Map<String, Object>) jobs.get("regenerate")).get("steps");
  }

  private static Map<String, Object> step(String name) throws IOException {
    return steps().stream().filter(s -> name.equals(s.get("name"))).findFirst().orElseThrow();
  }

  private int runGenerateStep(int launcherStatus, String endpoint) throws Exception {
    Path launcher = tmp.resolve("runners/medinstruct");
    Files.createDirectories(launcher.getParent());
    Files.writeString(
        launcher,
        "#!/usr/bin/env bash\nmkdir -p \"$OUT_DIR\"\n"
            + "echo '{\"endpoint\": \""
            + endpoint
            + "\", \"simulated\": "
            + endpoint.equals("simulated")
            + "}' > \"$OUT_DIR/summary.json\"\n"
            + "exit "
            + launcherStatus
            + "\n");
    launcher.toFile().setExecutable(true);
    Path script = tmp.resolve("generate-step.sh");
    Files.writeString(script, (String) step("Generate").get("run"));
    ProcessBuilder pb = new ProcessBuilder("bash", "-e", script.toString()).directory(tmp.toFile());
    pb.environment().put("GITHUB_OUTPUT", tmp.resolve("github-output").toString());
    pb.environment().put("CACHE_DIR", tmp.resolve("cache").toString());
    pb.environment().put("OUT_DIR", tmp.resolve("out").toString());
    pb.environment().put("TARGET", "5");
    pb.environment().put("MAX_COST_USD", "1");
    pb.environment().put("LLM_BASE_URL", "https://llm.invalid/v1");
    pb.redirectErrorStream(true).redirectOutput(tmp.resolve("step.log").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS), is(true));
    return p.exitValue();
  }

  @Test
  void generateStep_passesEveryExitStatusThrough() throws Exception {
    for (int status : new int[] {0, 1, 2, 3, 4, 5}) {
      assertThat("launcher exit " + status, runGenerateStep(status, "openai"), is(status));
      assertThat(
          Files.readString(tmp.resolve("github-output")), containsString("exit_status=" + status));
    }
  }

  @Test
  void generateStep_failsARunThatUsedTheSimulatedEndpoint() throws Exception {
    assertThat(runGenerateStep(0, "simulated"), is(1));
  }

  @Test
  void keyCheck_comesBeforeTheRun_andFailsWithoutTheSecret() throws Exception {
    List<String> names = steps().stream().map(s -> String.valueOf(s.get("name"))).toList();
    assertThat(names.indexOf("Require the API key"), lessThan(names.indexOf("Generate")));
    Path script = tmp.resolve("key.sh");
    Files.writeString(script, (String) step("Require the API key").get("run"));
    ProcessBuilder pb = new ProcessBuilder("bash", "-e", script.toString());
    pb.environment().put("OPENAI_API_KEY", "");
    pb.redirectErrorStream(true).redirectOutput(tmp.resolve("key.log").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS), is(true));
    assertThat(p.exitValue(), not(is(0)));
  }

  @Test
  void uploadAndJournalSave_runAfterFailure_andNothingInstallsOrShades() throws Exception {
    assertThat(
        String.valueOf(step("Publish dataset, summary and report").get("if")),
        containsString("always()"));
    assertThat(String.valueOf(step("Save the LLM journal").get("if")), containsString("always()"));
    String recipe = Files.readString(RECIPE, StandardCharsets.UTF_8);
    assertThat(recipe, not(containsString("mvn install")));
    assertThat(recipe, not(containsString(" package")));
  }
}
