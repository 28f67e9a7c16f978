package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end runs of the whole DAG on the Direct Runner against the simulated endpoint. */
class GenerateCommandTest {
  @TempDir Path tmp;

  private String[] args(Path out, Path cache, String... extra) {
    List<String> a =
        new java.util.ArrayList<>(
            List.of("--output=" + out, "--cacheDir=" + cache, "--targetInstructions=40"));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  @Test
  void givenDefaults_writesTheFiveFilesWithExactlyTheTargetAndReconciles() throws Exception {
    Path out = tmp.resolve("out");
    String printed = Runs.generate(args(out, tmp.resolve("cache")));

    assertThat(printed.lines().findFirst().orElse(""), containsString("SIMULATED"));
    for (String f : WriteDataset.FILES) {
      assertThat(f, Files.exists(out.resolve(f)), is(true));
    }
    JsonArray dataset = Runs.dataset(out);
    assertThat(dataset.size(), is(40));
    for (JsonElement e : dataset) {
      assertThat(e.getAsJsonObject().keySet(), is(Set.of("instruction", "input", "output")));
    }
    List<JsonObject> records = Runs.jsonl(out.resolve("medinstruct.jsonl"));
    assertThat(
        records.get(0).keySet(),
        org.hamcrest.Matchers.hasItems(
            "id",
            "type",
            "topic",
            "view",
            "difficulty",
            "round",
            "seed_ids",
            "instruction_model",
            "response_model",
            "nearest",
            "rougeL",
            "finish_reason",
            "usage"));
    Set<String> ids = new HashSet<>();
    records.forEach(r -> ids.add(r.get("id").getAsString()));
    assertThat("ids are unique", ids.size(), is(40));
    JsonObject summary = Runs.summary(out);
    assertThat(summary.get("target_met").getAsBoolean(), is(true));
    assertThat(Runs.count(summary, "generated"), greaterThan(40L));
    Runs.assertReconciles(out);
    List<String> reasons =
        Runs.jsonl(out.resolve("rejected.jsonl")).stream()
            .map(r -> r.get("reason").getAsString())
            .toList();
    assertThat(reasons, everyItem(not(is(""))));
    assertThat(
        "no half-written temporary files remain",
        Files.list(out).filter(f -> f.getFileName().toString().startsWith(".")).count(),
        is(0L));
  }

  @Test
  void givenSameSeed_twoRunsWithSeparateCachesWriteIdenticalDatasets() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Runs.generate(args(a, tmp.resolve("cache-a"), "--seed=7"));
    Runs.generate(args(b, tmp.resolve("cache-b"), "--seed=7"));
    assertThat(
        Files.readString(b.resolve("medinstruct.json")),
        is(Files.readString(a.resolve("medinstruct.json"))));
    assertThat(
        Files.readString(b.resolve("medinstruct.jsonl")),
        is(Files.readString(a.resolve("medinstruct.jsonl"))));
    assertThat(
        Files.readString(b.resolve("rejected.jsonl")),
        is(Files.readString(a.resolve("rejected.jsonl"))));

    Path c = tmp.resolve("c");
    Runs.generate(args(c, tmp.resolve("cache-c"), "--seed=8"));
    assertThat(
        Files.readString(c.resolve("medinstruct.json")),
        not(is(Files.readString(a.resolve("medinstruct.json")))));
  }

  @Test
  void givenFinishedRun_rerunWithSameCachePaysNothingAndWritesIdenticalFiles() throws Exception {
    Path cache = tmp.resolve("cache");
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    Runs.generate(args(first, cache));
    Runs.generate(args(second, cache));
    for (String f :
        List.of("medinstruct.json", "medinstruct.jsonl", "rejected.jsonl", "failed.jsonl")) {
      assertThat(f, Files.readString(second.resolve(f)), is(Files.readString(first.resolve(f))));
    }
    JsonObject llm = Runs.summary(second).getAsJsonObject("llm");
    for (String stage : llm.keySet()) {
      for (String model : llm.getAsJsonObject(stage).keySet()) {
        JsonObject m = llm.getAsJsonObject(stage).getAsJsonObject(model);
        assertThat(
            stage + " served from the journal",
            m.get("cached").getAsLong(),
            is(m.get("requests").getAsLong()));
        assertThat(m.get("billed_completion_tokens").getAsLong(), is(0L));
      }
    }
  }

  @Test
  void givenOptimisticFirstRound_laterRoundsFillTheDeficitExactly() throws Exception {
    Path out = tmp.resolve("out");
    Runs.generate(args(out, tmp.resolve("cache"), "--assumedYield=5"));
    JsonObject s = Runs.summary(out);
    assertThat(s.get("accepted").getAsLong(), is(40L));
    assertThat("more than one round ran", s.getAsJsonArray("rounds").size(), greaterThan(1));
    Runs.assertReconciles(out);
  }

  @Test
  void givenMaxRequestsPerRound_spreadsTheRunOverMoreRoundsOfAtMostThatManyRequests()
      throws Exception {
    Path out = tmp.resolve("out");
    Runs.generate(args(out, tmp.resolve("cache"), "--maxRequestsPerRound=1", "--maxRounds=20"));
    JsonObject s = Runs.summary(out);
    assertThat(s.get("accepted").getAsLong(), is(40L));
    JsonArray rounds = s.getAsJsonArray("rounds");
    assertThat("a round of 12 tasks cannot give 40 pairs", rounds.size(), greaterThan(3));
    for (JsonElement r : rounds) {
      assertThat("one request per round", r.getAsJsonObject().get("requests").getAsLong(), is(1L));
    }
    Runs.assertReconciles(out);
  }

  @Test
  void givenMaxRequestsPerRoundBelowZero_isRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(
        org.medinstruct.model.UserInputException.class,
        () ->
            Runs.generate(args(tmp.resolve("out"), tmp.resolve("c"), "--maxRequestsPerRound=-1")));
  }

  @Test
  void givenTooFewRounds_writesWhatItHasAndEndsWithTargetNotMetSayingWhy() throws Exception {
    Path out = tmp.resolve("out");
    String printed =
        Runs.generateEndingWith(
            org.medinstruct.model.ExitStatus.TARGET_NOT_MET,
            args(out, tmp.resolve("cache"), "--assumedYield=50", "--maxRounds=1"));
    JsonObject s = Runs.summary(out);
    assertThat(s.get("target_met").getAsBoolean(), is(false));
    assertThat(s.get("status").getAsString(), is("target_not_met"));
    assertThat(s.get("exit_code").getAsInt(), is(3));
    assertThat(s.get("status_reason").getAsString(), containsString("--maxRounds"));
    assertThat(s.get("accepted").getAsLong(), org.hamcrest.Matchers.lessThan(40L));
    assertThat(printed, containsString("TARGET NOT MET"));
    Runs.assertReconciles(out);
  }

  @Test
  void givenAlpaCareSeedsAndOriginalPrompt_generatesFromThem() throws Exception {
    Path seeds = Runs.shared().resolve("data/alpacare/med_seed.json");
    Path prompt = Runs.shared().resolve("data/alpacare/instruction_prompt.txt");
    assumeTrue(Files.exists(seeds), "shared AlpaCare data present");
    Path out = tmp.resolve("out");
    Runs.generate(
        args(
            out,
            tmp.resolve("cache"),
            "--seedTasks=" + seeds,
            "--instructionPromptFile=" + prompt,
            "--dedupPolicy=drop-all"));
    assertThat(Runs.dataset(out).size(), is(40));
    Runs.assertReconciles(out);
  }

  @Test
  void givenEvaluationSet_dropsLeakedInstructionsAndNamesTheTestItem() throws Exception {
    Path cache = tmp.resolve("cache");
    Path first = tmp.resolve("first");
    Runs.generate(args(first, cache));
    List<JsonObject> accepted = Runs.jsonl(first.resolve("medinstruct.jsonl"));
    StringBuilder eval = new StringBuilder();
    Set<String> leaked = new HashSet<>();
    for (JsonObject a : accepted.subList(0, 3)) {
      JsonObject q = new JsonObject();
      q.addProperty("question", a.get("instruction").getAsString());
      eval.append(q).append('\n');
      leaked.add(a.get("instruction").getAsString());
    }
    Path evalFile = tmp.resolve("test-questions.jsonl");
    Files.writeString(evalFile, eval.toString());

    Path second = tmp.resolve("second");
    Runs.generate(args(second, cache, "--decontaminate=" + evalFile));
    for (JsonObject a : Runs.jsonl(second.resolve("medinstruct.jsonl"))) {
      assertThat(leaked.contains(a.get("instruction").getAsString()), is(false));
    }
    List<JsonObject> decontaminated =
        Runs.jsonl(second.resolve("rejected.jsonl")).stream()
            .filter(r -> r.get("stage").getAsString().equals("decontaminate"))
            .toList();
    assertThat(decontaminated.size(), is(3));
    for (JsonObject r : decontaminated) {
      assertThat(
          leaked.contains(r.getAsJsonObject("record").get("nearest").getAsString()), is(true));
    }
    assertThat(Runs.dataset(second).size(), is(40));
    Runs.assertReconciles(second);
  }

  @Test
  void givenDryRun_estimatesWithoutSendingOrWriting() throws Exception {
    Path out = tmp.resolve("out");
    String printed = Runs.generate(args(out, tmp.resolve("cache"), "--dryRun=true"));
    assertThat(printed, containsString("DRY RUN"));
    assertThat(printed, containsString("gpt-4"));
    assertThat(Files.exists(out), is(false));
  }
}
