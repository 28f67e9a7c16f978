package org.medinstruct.runners.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;

/**
 * A run killed while writing a journal line leaves it torn. The rerun warns, naming the journal
 * segment and the line, counts it in summary.json, pays again only for that one completion (it was
 * never journaled whole) and exits 0. The endpoint is the built-in simulated one (a test double for
 * a paid API) on a real loopback socket.
 */
class TornJournalTest {
  @TempDir Path tmp;

  @Test
  void givenTornLastJournalLine_rerunWarnsNamingTheJournalAndPaysOnlyForThatLine()
      throws Exception {
    Path tasks = E2e.writeTasks(tmp.resolve("tasks.jsonl"), 5);
    Path cache = tmp.resolve("cache");
    try (SimulatedLlmServer sim = SimulatedLlmServer.start(SimConfig.defaults())) {
      E2e.Result first =
          E2e.runInProcess(
              "respond",
              "--input=" + tasks,
              "--output=" + tmp.resolve("out-1"),
              "--cacheDir=" + cache,
              "--llmBaseUrl=" + sim.baseUrl());
      assertThat(first.out() + first.err(), first.exitCode(), is(0));
      Path segment;
      try (Stream<Path> files = Files.list(cache)) {
        segment =
            files
                .filter(p -> p.getFileName().toString().matches("journal-.*\\.jsonl"))
                .findFirst()
                .orElseThrow();
      }
      List<String> lines = Files.readAllLines(segment);
      assertThat(lines.size(), is(5));
      String last = lines.get(4);
      Files.writeString(
          segment,
          String.join("\n", lines.subList(0, 4)) + "\n" + last.substring(0, last.length() / 2));

      ByteArrayOutputStream log = new ByteArrayOutputStream();
      PrintStream stderr = System.err;
      E2e.Result rerun;
      System.setErr(
          new PrintStream(log, true, StandardCharsets.UTF_8)); // the launcher's log (slf4j-simple)
      try {
        rerun =
            E2e.runInProcess(
                "respond",
                "--input=" + tasks,
                "--output=" + tmp.resolve("out-2"),
                "--cacheDir=" + cache,
                "--llmBaseUrl=" + sim.baseUrl());
      } finally {
        System.setErr(stderr);
      }

      assertThat(rerun.out() + rerun.err(), rerun.exitCode(), is(0));
      assertThat(
          log.toString(StandardCharsets.UTF_8),
          containsString("LLM journal " + segment + " line 5: torn last line"));
      assertThat(E2e.http(E2e.summary(tmp.resolve("out-2")), "journal_damaged_lines"), is(1L));
      assertThat("only the torn completion is requested again", sim.stats().chatRequests(), is(6L));
      assertThat(sim.stats().duplicateCompletions(), is(1L));
      List<String> keys = new ArrayList<>();
      try (Stream<Path> files = Files.list(cache)) {
        for (Path f :
            files.filter(p -> p.getFileName().toString().matches("journal-.*\\.jsonl")).toList()) {
          for (String line : Files.readAllLines(f)) {
            try {
              keys.add(JsonParser.parseString(line).getAsJsonObject().get("key").getAsString());
            } catch (RuntimeException torn) {
              // the torn half-line left by the "kill"
            }
          }
        }
      }
      assertThat("every completion is journaled whole exactly once", keys.size(), is(5));
      assertThat(new HashSet<>(keys).size(), is(5));
    }
  }
}
