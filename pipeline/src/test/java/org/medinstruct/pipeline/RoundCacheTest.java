package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reruns of {@code generate} with the same cache take finished rounds from {@link RoundCache}
 * instead of running them again, and only when nothing that decides the round changed (Direct
 * Runner, built-in simulated endpoint: a test double for a paid API).
 */
class RoundCacheTest {
  @TempDir Path tmp;

  private String[] args(Path out, Path cache, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--output=" + out,
                "--cacheDir=" + cache,
                "--targetInstructions=40",
                "--assumedYield=5"));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  private static long reusedRounds(Path out) throws Exception {
    long n = 0;
    for (JsonElement r : Runs.summary(out).getAsJsonArray("rounds")) {
      if (r.getAsJsonObject().has("reused_from_cache")) {
        n++;
      }
    }
    return n;
  }

  private static long requestsSent(Path out) throws Exception {
    return Runs.summary(out).getAsJsonObject("http").get("requests_sent").getAsLong();
  }

  @Test
  void givenFinishedRun_rerunReusesEveryRoundAndWritesIdenticalFilesAsServedFromTheJournal()
      throws Exception {
    Path cache = tmp.resolve("cache");
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    Runs.generate(args(first, cache));
    int rounds = Runs.summary(first).getAsJsonArray("rounds").size();
    assertThat("the run needs more than one round", rounds, greaterThan(1));
    assertThat(reusedRounds(first), is(0L));

    String printed = Runs.generate(args(second, cache));

    assertThat(printed, containsString("(reused"));
    assertThat(reusedRounds(second), is((long) rounds));
    assertThat(requestsSent(second), is(0L));
    for (String f :
        List.of("medinstruct.json", "medinstruct.jsonl", "rejected.jsonl", "failed.jsonl")) {
      assertThat(
          f + " byte-identical", Files.mismatch(first.resolve(f), second.resolve(f)), is(-1L));
    }
    JsonObject llm = Runs.summary(second).getAsJsonObject("llm");
    JsonObject firstLlm = Runs.summary(first).getAsJsonObject("llm");
    for (String stage : llm.keySet()) {
      for (String model : llm.getAsJsonObject(stage).keySet()) {
        JsonObject m = llm.getAsJsonObject(stage).getAsJsonObject(model);
        assertThat(
            m.get("requests"),
            is(firstLlm.getAsJsonObject(stage).getAsJsonObject(model).get("requests")));
        assertThat(
            stage + " served from the journal",
            m.get("cached").getAsLong(),
            is(m.get("requests").getAsLong()));
        assertThat(m.get("billed_completion_tokens").getAsLong(), is(0L));
      }
    }
    Runs.assertReconciles(second);
  }

  @Test
  void givenChangedOptionOrSeed_rerunReusesNothing() throws Exception {
    Path cache = tmp.resolve("cache");
    Runs.generate(args(tmp.resolve("first"), cache));

    Path seed = tmp.resolve("seed");
    Runs.generate(args(seed, cache, "--seed=43"));
    assertThat(reusedRounds(seed), is(0L));
    assertThat(requestsSent(seed), greaterThan(0L));

    Path threshold = tmp.resolve("threshold");
    Runs.generate(args(threshold, cache, "--dedupThreshold=0.69"));
    assertThat(reusedRounds(threshold), is(0L));
  }

  @Test
  void givenJournalChangedSinceTheRound_roundRunsAgain() throws Exception {
    Path cache = tmp.resolve("cache");
    Path first = tmp.resolve("first");
    Runs.generate(args(first, cache));
    // Rewrite one journaled completion in every segment (each round's client writes its own
    // segment, and a round depends on those it read): what every round read has changed.
    List<Path> segments;
    try (Stream<Path> s = Files.list(cache)) {
      segments =
          s.filter(p -> p.getFileName().toString().startsWith("journal-"))
              .filter(p -> p.toFile().length() > 0)
              .toList();
    }
    assertThat(segments.isEmpty(), is(false));
    for (Path segment : segments) {
      List<String> lines = new ArrayList<>(Files.readAllLines(segment));
      JsonObject entry = JsonParser.parseString(lines.get(0)).getAsJsonObject();
      entry.addProperty("journaledAtMillis", entry.get("journaledAtMillis").getAsLong() + 1);
      lines.set(0, entry.toString());
      Files.write(segment, lines);
    }

    Path second = tmp.resolve("second");
    Runs.generate(args(second, cache));

    assertThat(reusedRounds(second), is(0L));
    assertThat("the rounds ran again from the journal", requestsSent(second), is(0L));
    assertThat(
        Files.mismatch(first.resolve("medinstruct.jsonl"), second.resolve("medinstruct.jsonl")),
        is(-1L));
  }

  @Test
  void usageOfAReusedRoundIsMarkedAsServedFromTheJournal() {
    String line =
        new OutputRecord(
                OutputRecord.USAGE,
                "k\tx",
                "{\"stage\":\"responses\",\"model\":\"m\",\"promptTokens\":10,\"completionTokens\":5,"
                    + "\"fromCache\":false,\"attempts\":2,\"items\":1}")
            .shardLine();

    OutputRecord r =
        OutputRecord.fromShardLine(OutputRecord.USAGE, RoundCache.servedFromJournal(line));

    assertThat(r.sortKey(), is("k\tx"));
    JsonObject u = JsonParser.parseString(r.json()).getAsJsonObject();
    assertThat(u.get("fromCache").getAsBoolean(), is(true));
    assertThat(u.get("attempts").getAsInt(), is(0));
    assertThat(u.get("promptTokens").getAsLong(), is(10L));
    assertThat(u.get("completionTokens").getAsLong(), is(5L));
  }
}
