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

/**
 * The runners module runs without the export module (no Hadoop on a Direct run's classpath): {@code
 * --format} is checked before anything runs, and Parquet without the module is bad input.
 */
class ExportModuleTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void theExportModuleAndHadoop_areNotOnTheRunnersClasspath() {
    assertThat(ExportModule.options().isPresent(), is(false));
    assertThat(
        getClass().getClassLoader().getResource("org/apache/hadoop/conf/Configuration.class")
            == null,
        is(true));
  }

  @Test
  void givenAnUnknownFormat_exitsTwoBeforeWritingAnything() {
    Path out = tmp.resolve("o");
    assertThat(run("generate", "--output=" + out, "--format=json,xml"), is(2));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("unknown format 'xml'"));
    assertThat(Files.exists(out), is(false));
  }

  @Test
  void givenParquetWithoutTheExportModule_exitsTwoSayingHowToGetIt() {
    assertThat(run("generate", "--output=" + tmp.resolve("o"), "--format=json,parquet"), is(2));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("runners/medinstruct"));
    err.reset();
    assertThat(run("export", "--input=" + tmp, "--to=" + tmp.resolve("hf")), is(2));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("export module"));
  }
}
