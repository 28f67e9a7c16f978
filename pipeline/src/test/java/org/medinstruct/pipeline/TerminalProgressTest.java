package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.llm.Prices;

/**
 * The live progress bar on a terminal (drawn on a fake terminal: a byte buffer standing in for the
 * tty) and the plain lines everywhere else (checked byte for byte: no ESC, no carriage return).
 */
class TerminalProgressTest {
  private static final String BAR_34 = "▕██████░░░░░░░░░░░░░░▏";

  @TempDir Path tmp;

  @Test
  void bar_showsLabelStageCountsCellsPercentAndSeconds() {
    assertThat(
        ProgressBar.render("round 2", "responses", 4_100, 12_000, 12),
        is("round 2 · responses 4,100/12,000 " + BAR_34 + " 34% · 12 s"));
    assertThat(
        ProgressBar.render(null, "instructions", 0, 0, 75),
        is("instructions 0/0 ▕░░░░░░░░░░░░░░░░░░░░▏ 0% · 1 min 15 s"));
    assertThat(
        ProgressBar.render("round 1", "responses", 9, 9, 3600 * 2 + 61),
        is("round 1 · responses 9/9 ▕████████████████████▏ 100% · 2 h 01 min"));
  }

  @Test
  void bar_inAscii_forTerminalsThatAreNotUtf8() {
    assertThat(
        ProgressBar.render("round 2", "responses", 4_100, 12_000, 12, false),
        is("round 2 - responses 4,100/12,000 [######--------------] 34% - 12 s"));
  }

  @Test
  void liveLine_redrawsInPlaceWithCarriageReturnsAndPadsAShorterLine() {
    ByteArrayOutputStream tty = new ByteArrayOutputStream();
    LiveLine live = new LiveLine(tty, 80);

    live.show("responses 10/20");
    live.show("responses 9");

    assertThat(tty.toString(StandardCharsets.UTF_8), is("\rresponses 10/20\rresponses 9    "));
    assertThat(tty.toString(StandardCharsets.UTF_8), not(containsString("\u001b")));
  }

  @Test
  void liveLine_anOrdinaryLineErasesTheBarFirstAndTheNextShowDrawsItBelow() {
    ByteArrayOutputStream tty = new ByteArrayOutputStream();
    LiveLine live = new LiveLine(tty, 80);
    PrintStream out = live.out();
    PrintStream err = live.clearingFirst(tty);

    live.show("bar");
    out.println("round 1: 23 requests");
    live.show("bar2");
    err.println("warning");
    live.clear();

    assertThat(
        tty.toString(StandardCharsets.UTF_8),
        is("\rbar\r   \rround 1: 23 requests\n\rbar2\r    \rwarning\n"));
  }

  @Test
  void liveLine_cutsALineLongerThanTheTerminalSoItNeverWraps() {
    ByteArrayOutputStream tty = new ByteArrayOutputStream();
    LiveLine live = new LiveLine(tty, 30);

    live.show("round 12 · responses 41,000/120,000 ▕██▏ 34% · 12 s");

    String drawn = tty.toString(StandardCharsets.UTF_8);
    assertThat(drawn, is("\rround 12 · responses 41,000/…"));
    assertThat(drawn.length() - 1 < 30, is(true));
  }

  @Test
  void terminal_barOnlyWithAConsoleAndARealTermAndNoNoColor() {
    assertThat(Terminal.interactive(true, Map.of("TERM", "xterm-256color")), is(true));
    assertThat(Terminal.interactive(false, Map.of("TERM", "xterm-256color")), is(false));
    assertThat(Terminal.interactive(true, Map.of("TERM", "dumb")), is(false));
    assertThat(Terminal.interactive(true, Map.of()), is(false));
    assertThat(Terminal.interactive(true, Map.of("TERM", "xterm", "NO_COLOR", "1")), is(false));
    assertThat(Terminal.interactive(true, Map.of("TERM", "xterm", "NO_COLOR", "")), is(true));
  }

  @Test
  void printer_onATerminal_drawsTheActiveStageAsABarAndErasesItWhenClosed() throws Exception {
    Path dir = progressDir();
    ByteArrayOutputStream tty = new ByteArrayOutputStream();
    LiveLine live = new LiveLine(tty, 120);

    try (ProgressPrinter printer =
        new ProgressPrinter(dir.toString(), Prices.defaults(), live.out(), 3600, true, false)) {
      printer.label("round 2");
      printer.tick();
      assertThat(
          tty.toString(StandardCharsets.UTF_8),
          matchesPattern("\rround 2 · responses 4,100/12,000 " + BAR_34 + " 34% · \\d+ s"));
    }
    String all = tty.toString(StandardCharsets.UTF_8);
    String bar = all.substring(1, all.indexOf('\r', 1));
    assertThat("erased when closed", all, is("\r" + bar + "\r" + " ".repeat(bar.length()) + "\r"));
  }

  @Test
  void printer_afterTheJobs_saysWhatTheRunDoesInsteadOfAStage() throws Exception {
    ByteArrayOutputStream tty = new ByteArrayOutputStream();
    LiveLine live = new LiveLine(tty, 120);

    try (ProgressPrinter printer =
        new ProgressPrinter(
            progressDir().toString(), Prices.defaults(), live.out(), 3600, true, false)) {
      printer.label("round 1");
      printer.activity("writing report.html");
      printer.tick();
      assertThat(
          tty.toString(StandardCharsets.UTF_8), matchesPattern("\rwriting report.html · \\d+ s"));
    }
  }

  @Test
  void printer_offATerminal_writesPlainLinesWithNoEscapeAndNoCarriageReturn() throws Exception {
    Path dir = progressDir();
    ByteArrayOutputStream pipe = new ByteArrayOutputStream();

    try (ProgressPrinter printer = pipedPrinter(dir, pipe)) {
      printer.label("round 2");
      printer.tick();
      printer.tick();
    }

    byte[] bytes = pipe.toByteArray();
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text, containsString("responses 4100/12000"));
    assertThat(text.lines().count(), is(2L));
    for (byte b : bytes) {
      assertThat("no ESC, no carriage return", b == 0x1b || b == '\r', is(false));
    }
  }

  @Test
  void printer_offATerminal_saysWhatTheRunDoesAfterItsJobsAtEveryTick() throws Exception {
    ByteArrayOutputStream pipe = new ByteArrayOutputStream();

    try (ProgressPrinter printer = pipedPrinter(progressDir(), pipe)) {
      printer.activity("writing report.html");
      printer.tick();
      printer.tick();
    }

    String text = pipe.toString(StandardCharsets.UTF_8);
    assertThat(text.lines().count(), is(2L));
    assertThat(
        text.lines().allMatch(l -> l.matches("writing report\\.html \\(\\d+ s\\)")), is(true));
  }

  @Test
  void printer_offATerminal_saysItIsStartingBeforeAnyStageReports() throws Exception {
    Path empty = tmp.resolve("no-progress-yet");
    Files.createDirectories(empty);
    ByteArrayOutputStream pipe = new ByteArrayOutputStream();

    try (ProgressPrinter printer = pipedPrinter(empty, pipe)) {
      printer.tick();
      printer.tick();
    }

    String text = pipe.toString(StandardCharsets.UTF_8);
    assertThat(text.lines().count(), is(2L));
    assertThat(
        text.lines()
            .allMatch(
                l -> l.matches("\\[progress 0:00:0\\d\\] \\| starting: no stage has reported yet")),
        is(true));
  }

  /** A printer off a terminal (plain lines into {@code pipe}) that ticks only when told. */
  private static ProgressPrinter pipedPrinter(Path dir, ByteArrayOutputStream pipe) {
    return new ProgressPrinter(
        dir.toString(),
        Prices.defaults(),
        new PrintStream(pipe, true, StandardCharsets.UTF_8),
        3600,
        true,
        false);
  }

  /** A worker's progress file: instructions done, responses at 4,100 of 12,000. */
  private Path progressDir() throws Exception {
    Path dir = tmp.resolve("progress");
    Files.createDirectories(dir);
    long now = System.currentTimeMillis();
    Files.writeString(
        dir.resolve("progress-test.json"),
        "{\"stages\":{"
            + "\"instructions|gpt-4\":"
            + stage(1_000, 1_000, now - 9_000, now - 5_000)
            + ","
            + "\"responses|gpt-3.5-turbo\":"
            + stage(12_000, 4_100, now - 4_000, now)
            + "},"
            + "\"http\":{}}");
    return dir;
  }

  private static String stage(long submitted, long completed, long first, long last) {
    return String.format(
        "{\"submitted\":%d,\"completed\":%d,\"failed\":0,\"cached\":0,\"prompt_tokens\":10,"
            + "\"completion_tokens\":10,\"first_millis\":%d,\"last_millis\":%d}",
        submitted, completed, first, last);
  }
}
