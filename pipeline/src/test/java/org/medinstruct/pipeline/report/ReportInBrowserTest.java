package org.medinstruct.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs runners/ci/check-report-in-browser.sh (headless Chromium) on a fixture report. Skipped when
 * chromium is not on PATH on a developer's machine; under CI (CI=true), where runners/run-tests
 * installs it, a missing chromium fails the test instead of skipping it.
 */
class ReportInBrowserTest {
  @TempDir static Path dir;

  @BeforeAll
  static void needsChromium() {
    boolean found = false;
    for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      found |= Files.isExecutable(Path.of(p, "chromium"));
    }
    if (!found && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          "CI=true but chromium is not on PATH: runners/run-tests should have installed it");
    }
    assumeTrue(found, "chromium is not on PATH");
  }

  @Test
  void fixtureReport_drawsEveryChartInTheBrowser() throws Exception {
    RunFixture.write(dir, 120, 11);
    Path report = ReportWriter.write(dir);
    Result r = check(report);
    assertEquals(0, r.exit, r.output);
    // The fixture has data for every chart: all 15 are expected and drawn.
    assertTrue(r.output.contains("expected=15 drawn=15"), r.output);
  }

  @Test
  void givenPageWhoseScriptDoesNotRun_checkFails() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("broken"));
    RunFixture.write(sub, 20, 12);
    Path report = ReportWriter.write(sub);
    String html = Files.readString(report, StandardCharsets.UTF_8);
    // Break the drawing script: the charts stay empty and no marker is set.
    Files.writeString(report, html.replace("data.charts.forEach", "data.nothing.forEach"));
    Result r = check(report);
    assertNotEquals(0, r.exit, r.output);
  }

  private record Result(int exit, String output) {}

  private static Result check(Path report) throws IOException, InterruptedException {
    Path script =
        Path.of(System.getProperty("user.dir"))
            .getParent()
            .resolve("runners/ci/check-report-in-browser.sh");
    assertTrue(Files.isRegularFile(script), "missing " + script);
    Process p =
        new ProcessBuilder("bash", script.toString(), report.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "browser check timed out");
    return new Result(p.exitValue(), out);
  }
}
