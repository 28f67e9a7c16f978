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

/** The launcher's {@code filter} command: 0 when it ran, 2 naming file and record on bad input. */
class FilterExitStatusTest {
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
  void givenMalformedRecord_exitsTwoNamingFileAndLine() throws Exception {
    Path in = tmp.resolve("tasks.jsonl");
    Files.writeString(in, "{\"instruction\": \"Explain asthma to a patient.\"}\n[1, 2\n");
    Path output = tmp.resolve("out");
    assertThat(run("filter", "--input=" + in, "--output=" + output), is(2));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("tasks.jsonl: line 2"));
    assertThat(Files.exists(output), is(false));
  }

  @Test
  void givenGoodFile_exitsZeroAndPrintsCounts() throws Exception {
    Path in = tmp.resolve("tasks.jsonl");
    Files.writeString(
        in,
        "{\"instruction\": \"Explain how asthma inhalers work.\", \"input\": \"<noinput>\","
            + " \"type\": \"Open Q&A\", \"topic\": \"Asthma\", \"view\": \"Patient\","
            + " \"difficulty\": \"1\"}\n");
    assertThat(run("filter", "--input=" + in, "--output=" + tmp.resolve("out")), is(0));
    assertThat(out.toString(StandardCharsets.UTF_8), containsString("kept 1, rejected 0"));
  }
}
