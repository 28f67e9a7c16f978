package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.model.UserInputException;

/** Bad seeds, tasks and options fail before anything is written, naming the file and record. */
class BadInputTest {
  @TempDir Path tmp;

  private UserInputException generateFails(Path seeds) {
    Path out = tmp.resolve("out");
    UserInputException e =
        assertThrows(
            UserInputException.class,
            () ->
                Runs.generate(
                    "--output=" + out, "--cacheDir=" + tmp.resolve("c"), "--seedTasks=" + seeds));
    assertThat("nothing written under --output", Files.exists(out), is(false));
    return e;
  }

  private Path file(String name, String content) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private static final String GOOD =
      "{\"type\":\"Open"
          + " Q&A\",\"topic\":\"Cardiology\",\"view\":\"Student\",\"difficulty\":\"2\",\"instruction\":\"Explain"
          + " how beta blockers lower blood pressure.\",\"input\":\"<noinput>\"}";

  @Test
  void givenMissingSeedFile_namesTheFile() {
    UserInputException e = generateFails(tmp.resolve("nope.jsonl"));
    assertThat(e.getMessage(), containsString("nope.jsonl"));
  }

  @Test
  void givenEmptySeedFile_namesTheFile() throws Exception {
    UserInputException e = generateFails(file("empty.jsonl", ""));
    assertThat(e.getMessage(), containsString("empty.jsonl"));
  }

  @Test
  void givenMalformedSeedLine_namesFileAndLine() throws Exception {
    UserInputException e =
        generateFails(file("bad.jsonl", GOOD + "\n" + GOOD + "\n{\"type\": oops\n"));
    assertThat(e.getMessage(), containsString("bad.jsonl"));
    assertThat(e.getMessage(), containsString("3"));
  }

  @Test
  void givenNonUtf8SeedFile_namesTheFile() throws Exception {
    Path p = tmp.resolve("latin1.jsonl");
    Files.write(p, new byte[] {'{', '"', 'a', (byte) 0xE9, '"', '}', '\n'});
    UserInputException e = generateFails(p);
    assertThat(e.getMessage(), containsString("latin1.jsonl"));
    assertThat(e.getMessage().toLowerCase(), containsString("utf-8"));
  }

  @Test
  void givenSeedWithoutInstruction_namesTheRecord() throws Exception {
    String noInstruction =
        GOOD.replace("\"instruction\":\"Explain how beta blockers lower blood pressure.\",", "");
    UserInputException e = generateFails(file("noinst.jsonl", GOOD + "\n" + noInstruction + "\n"));
    assertThat(e.getMessage(), containsString("noinst.jsonl"));
    assertThat(e.getMessage(), containsString("2"));
    assertThat(e.getMessage(), containsString("instruction"));
  }

  @Test
  void givenDifficultyOutOfRange_namesTheRecord() throws Exception {
    UserInputException e =
        generateFails(file("diff.json", "[" + GOOD + "," + GOOD.replace("\"2\"", "\"7\"") + "]"));
    assertThat(e.getMessage(), containsString("diff.json"));
    assertThat(e.getMessage(), containsString("difficulty"));
  }

  @Test
  void givenUnknownOption_isBadInputNotABug() {
    // Beam's parser throws IllegalArgumentException; where options are parsed it becomes bad input
    // (exit 2).
    org.medinstruct.model.UserInputException e =
        assertThrows(
            org.medinstruct.model.UserInputException.class,
            () -> Runs.generate("--output=" + tmp.resolve("o"), "--targetInstructons=5"));
    assertThat(e.getMessage(), containsString("generate: "));
    assertThat(e.getMessage(), containsString("targetInstructons"));
  }

  @Test
  void givenRespondInputWithoutInstruction_namesFileAndLine() throws Exception {
    Path tasks = file("tasks.jsonl", "{\"instruction\":\"Define sepsis.\"}\n{\"input\":\"x\"}\n");
    Path out = tmp.resolve("out");
    UserInputException e =
        assertThrows(
            UserInputException.class,
            () ->
                Runs.respond(
                    "--input=" + tasks, "--output=" + out, "--cacheDir=" + tmp.resolve("c")));
    assertThat(e.getMessage(), containsString("tasks.jsonl:2"));
    assertThat(Files.exists(out), is(false));
  }
}
