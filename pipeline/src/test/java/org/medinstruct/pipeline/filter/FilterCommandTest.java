package org.medinstruct.pipeline.filter;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.model.UserInputException;
import org.medinstruct.pipeline.SharedData;

class FilterCommandTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  private FilterCommand.Counts filter(String... args) throws Exception {
    return FilterCommand.run(args, new PrintStream(buffer, true, StandardCharsets.UTF_8));
  }

  private String printed() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  private static List<JsonObject> jsonl(Path file) throws Exception {
    List<JsonObject> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(JsonParser.parseString(line).getAsJsonObject());
    }
    return out;
  }

  @Test
  void givenAlpaCareSeeds_defaultOptions_keepsAtLeast165Of167AndNamesEveryDrop() throws Exception {
    Optional<Path> seeds = SharedData.alpacare("med_seed.json");
    assumeTrue(seeds.isPresent(), "AlpaCare's med_seed.json is not in the shared data directory");
    Path out = tmp.resolve("out");
    FilterCommand.Counts c = filter("--input=" + seeds.get(), "--output=" + out);
    assertThat(c.kept() + c.rejected(), is(167));
    assertThat(c.kept(), greaterThanOrEqualTo(165));
    assertThat(jsonl(out.resolve("kept.jsonl")).size(), is(c.kept()));
    List<JsonObject> rejected = jsonl(out.resolve("rejected.jsonl"));
    assertThat(rejected.size(), is(c.rejected()));
    for (JsonObject r : rejected) {
      assertThat(r.get("reason").getAsString().matches("[a-z_]+"), is(true));
      assertThat(printed(), containsString(r.get("detail").getAsString()));
    }
    assertThat(printed(), containsString("kept " + c.kept()));
    assertThat(printed(), containsString("Multiple-choice Q&A"));
  }

  @Test
  void givenAlpaCareSeeds_strictProfile_rejectsShortAndLongInputs() throws Exception {
    Optional<Path> seeds = SharedData.alpacare("med_seed.json");
    assumeTrue(seeds.isPresent(), "AlpaCare's med_seed.json is not in the shared data directory");
    FilterCommand.Counts c =
        filter(
            "--input=" + seeds.get(),
            "--output=" + tmp.resolve("strict"),
            "--filterProfile=strict");
    assertThat(c.byReason().getOrDefault("input_too_short", 0), greaterThanOrEqualTo(50));
  }

  @Test
  void givenMixedJsonl_writesEachRecordToExactlyOneFileWithReasonCodeAndSentence()
      throws Exception {
    Path in = tmp.resolve("tasks.jsonl");
    Files.writeString(
        in,
        String.join(
                "\n",
                task(
                    "Explain how beta blockers lower blood pressure.",
                    "<noinput>",
                    "2",
                    "Open Q&A"),
                task(
                    "Draw a diagram of the cardiac conduction system.",
                    "<noinput>",
                    "2",
                    "Text generation"),
                task(
                    "Explain how beta blockers lower heart rate in atrial fibrillation.",
                    "<noinput>",
                    "9",
                    "Open Q&A"),
                task(
                    "Which drug is first-line for hypertension in diabetes?",
                    "Pick one.",
                    "2",
                    "Multiple-choice Q&A"),
                "{\"instruction\": \"Calculate the MAP for a blood pressure of 120/80 mmHg.\","
                    + " \"difficulty\": 2, \"type\": \"Single-hop reasoning\", \"topic\":"
                    + " \"Cardiology\", \"view\": \"Student\"}")
            + "\n");
    Path out = tmp.resolve("out");
    FilterCommand.Counts c = filter("--input=" + in, "--output=" + out);
    assertThat(c.kept(), is(2));
    List<JsonObject> rejected = jsonl(out.resolve("rejected.jsonl"));
    assertThat(
        rejected.stream().map(r -> r.get("reason").getAsString()).toList(),
        is(List.of("non_text_task", "bad_difficulty", "mcq_without_choices")));
    assertThat(rejected.get(1).get("where").getAsString(), is("line 3"));
    assertThat(rejected.get(0).get("detail").getAsString(), containsString("draw"));
    assertThat(printed(), containsString("non_text_task"));
    assertThat(printed(), containsString("Open Q&A"));
    assertThat(
        jsonl(out.resolve("kept.jsonl")).get(1).get("instruction").getAsString(),
        containsString("MAP"));
  }

  @Test
  void givenMalformedRecord_failsNamingFileAndLineAndWritesNothing() throws Exception {
    Path in = tmp.resolve("bad.jsonl");
    Files.writeString(
        in, task("Explain asthma to a patient.", "<noinput>", "2", "Chat") + "\n{oops\n");
    Path out = tmp.resolve("out");
    UserInputException e =
        assertThrows(UserInputException.class, () -> filter("--input=" + in, "--output=" + out));
    assertThat(e.getMessage(), containsString("bad.jsonl"));
    assertThat(e.getMessage(), containsString("line 2"));
    assertThat(Files.exists(out), is(false));
  }

  @Test
  void givenNonStringFieldInJsonArray_failsNamingTheElement() throws Exception {
    Path in = tmp.resolve("bad.json");
    Files.writeString(
        in,
        "["
            + task("Explain asthma to a patient.", "<noinput>", "2", "Chat")
            + ",\n{\"instruction\": [\"x\"], \"difficulty\": \"2\"}]");
    UserInputException e =
        assertThrows(
            UserInputException.class,
            () -> filter("--input=" + in, "--output=" + tmp.resolve("o")));
    assertThat(e.getMessage(), containsString("bad.json"));
    assertThat(e.getMessage(), containsString("element 1"));
  }

  @Test
  void givenBadInputBounds_failsAsBadInput() {
    assertThrows(
        UserInputException.class,
        () ->
            filter(
                "--input=x.json",
                "--output=" + tmp.resolve("o"),
                "--minInputWords=300",
                "--maxInputWords=200"));
    assertThrows(
        UserInputException.class,
        () -> filter("--input=x.json", "--output=" + tmp.resolve("o"), "--filterProfile=lenient"));
  }

  private static String task(String instruction, String input, String difficulty, String type) {
    JsonObject o = new JsonObject();
    o.addProperty("topic", "Cardiology");
    o.addProperty("view", "Physician");
    o.addProperty("type", type);
    o.addProperty("instruction", instruction);
    o.addProperty("input", input);
    o.addProperty("difficulty", difficulty);
    return o.toString();
  }
}
