package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.UserInputException;
import org.medinstruct.tasks.SeedSampler;

/**
 * {@code --method=alpacare} against a fake OpenAI-compatible endpoint on a real socket: the request
 * bodies equal the ones built here, independently, from AlpaCare's shared files the way their
 * task_generation.py / output_generation_chat_completion.py build them; drop-all runs once over all
 * generated tasks without the seeds; no other filter applies.
 */
class AlpacareMethodTest {
  @TempDir Path tmp;
  @TempDir static Path shared;

  /** One run against the fake endpoint, shared by the tests that read what it sent and wrote. */
  private static FakeOpenAi api;

  private static Path out;
  private static String printed;

  @BeforeAll
  static void runOnce() throws Exception {
    if (!Files.isDirectory(ALPACARE)) {
      return;
    }
    AtomicInteger next = new AtomicInteger();
    api = new FakeOpenAi(body -> reply(body, next));
    out = shared.resolve("out");
    printed =
        Runs.generate(
            "--method=alpacare",
            "--alpacareDir=" + ALPACARE,
            "--llmBaseUrl=" + api.baseUrl(),
            "--output=" + out,
            "--cacheDir=" + shared.resolve("cache"),
            "--targetInstructions=6",
            "--tasksPerRequest=2",
            "--assumedYield=1",
            "--maxRounds=2");
  }

  @AfterAll
  static void stopServer() {
    if (api != null) {
      api.close();
    }
  }

  private static final Path ALPACARE = Runs.shared().resolve("data/alpacare");
  private static final String FIRST_SEED_INSTRUCTION = firstSeedInstruction();

  /** Tasks the fake model writes, two per request: one near-duplicate pair, one copy of a seed. */
  private static final List<String[]> TASKS =
      List.of(
          new String[] {
            "Open Q&A",
            "What lifestyle changes lower the risk of a second heart attack?",
            "<noinput>"
          },
          new String[] {
            "Classification",
            "Classify this examination finding as normal or abnormal.",
            "NAD on auscultation; heart sounds dual with no added sounds."
          },
          new String[] {
            "Summarization",
            "Summarize the discharge letter for the family doctor.",
            "Admitted with community-acquired pneumonia, treated with amoxicillin, discharged on"
                + " day four."
          },
          new String[] {
            "Multiple-choice Q&A",
            "Pick the first-line drug for absence seizures.",
            "A) Ethosuximide B) Phenytoin C) Carbamazepine D) Gabapentin"
          },
          new String[] {
            "Open Q&A",
            "What lifestyle changes lower the risk of a second heart attack in adults?",
            "<noinput>"
          },
          new String[] {"Text generation", FIRST_SEED_INSTRUCTION, "<noinput>"});

  @Test
  void givenAlpacareMethod_sendsExactlyTheReferenceRequestBodies() throws Exception {
    assumeTrue(Files.isDirectory(ALPACARE), "shared AlpaCare data present");
    String instructionPrompt = Files.readString(ALPACARE.resolve("instruction_prompt.txt"));
    String generationSystem = Files.readString(ALPACARE.resolve("generation_system_prompt.txt"));
    String responseSystem = Files.readString(ALPACARE.resolve("response_system_prompt.txt"));
    List<JsonObject> generation = new ArrayList<>();
    List<JsonObject> responses = new ArrayList<>();
    for (JsonObject b : api.bodies()) {
      (FakeOpenAi.lastMessage(b).endsWith(". Type:") ? generation : responses).add(b);
    }

    // Generation: request i samples its seeds by (run seed, i); the body is built here verbatim.
    assertThat(generation.size(), is(3));
    List<MedTask> seeds = rawSeeds();
    Map<String, JsonObject> expected = new HashMap<>();
    for (int i = 0; i < generation.size(); i++) {
      JsonObject e =
          generationBody(
              instructionPrompt, generationSystem, SeedSampler.sample(seeds, 3, 42, i), 2);
      expected.put(FakeOpenAi.lastMessage(e), e);
    }
    for (JsonObject b : generation) {
      assertEquals(expected.get(FakeOpenAi.lastMessage(b)), b);
    }
    assertThat(
        new TreeSet<>(generation.stream().map(FakeOpenAi::lastMessage).toList()),
        is(new TreeSet<>(expected.keySet())));

    // Responses: one per surviving task, the system file verbatim, their user-message layout.
    List<JsonObject> records = Runs.jsonl(out.resolve("medinstruct.jsonl"));
    List<JsonObject> expectedResponses = new ArrayList<>();
    for (JsonObject r : records) {
      expectedResponses.add(
          responseBody(
              responseSystem, r.get("instruction").getAsString(), r.get("input").getAsString()));
    }
    Comparator<JsonObject> byUser = Comparator.comparing(FakeOpenAi::lastMessage);
    responses.sort(byUser);
    expectedResponses.sort(byUser);
    assertEquals(expectedResponses, responses);
    // The "NA" bug is not copied: an input containing "NA" is sent.
    assertThat(
        responses.stream().map(FakeOpenAi::lastMessage).toList().toString(),
        containsString(
            "Classify this examination finding as normal or abnormal.\n\nNAD on auscultation"));
    assertThat(printed, containsString("no exact size is promised"));
  }

  @Test
  void givenNearDuplicatesAndASeedCopy_dropAllRunsOnceOverGeneratedTasksWithoutSeeds()
      throws Exception {
    assumeTrue(Files.isDirectory(ALPACARE), "shared AlpaCare data present");
    Set<String> kept =
        Runs.jsonl(out.resolve("medinstruct.jsonl")).stream()
            .map(r -> r.get("instruction").getAsString())
            .collect(Collectors.toSet());
    // Both members of the near-duplicate pair go (drop-all); the copy of a seed stays (no seeds
    // in the comparison); nothing else is filtered, not even the multiple-choice answer format.
    assertThat(
        kept,
        is(Set.of(TASKS.get(1)[1], TASKS.get(2)[1], TASKS.get(3)[1], FIRST_SEED_INSTRUCTION)));
    List<JsonObject> rejected = Runs.jsonl(out.resolve("rejected.jsonl"));
    assertThat(rejected.size(), is(2));
    rejected.forEach(r -> assertThat(r.get("stage").getAsString(), is("dedup")));
    JsonObject s = Runs.summary(out);
    assertThat(s.get("method").getAsString(), is("alpacare"));
    JsonObject a = s.getAsJsonObject("alpacare");
    assertThat(a.get("size_reached").getAsLong(), is(4L));
    assertThat(a.get("requested_size").getAsLong(), is(6L));
    assertThat(a.get("exact_size_promised").getAsBoolean(), is(false));
    assertThat(a.get("dropped_by_drop_all").getAsLong(), is(2L));
    // A real (non-simulated) endpoint: labelled by its URL, records carry no simulated flag.
    assertThat(s.get("endpoint").getAsString(), is(api.baseUrl()));
    assertThat(s.get("simulated").getAsBoolean(), is(false));
    Runs.jsonl(out.resolve("medinstruct.jsonl"))
        .forEach(r -> assertThat(r.has("simulated"), is(false)));
    assertThat(
        Files.readString(out.resolve("report.html")).contains("simulated-banner"), is(false));
    Runs.assertReconciles(out);
  }

  @Test
  void givenNoAlpacareDir_exitsWithBadInputNamingTheMissingFile() {
    UserInputException e =
        assertThrows(
            UserInputException.class,
            () ->
                Runs.generate(
                    "--method=alpacare", "--output=" + tmp.resolve("out"), "--cacheDir="));
    assertThat(e.getMessage(), containsString("instruction_prompt.txt"));
    assertThat(Files.exists(tmp.resolve("out")), is(false));
  }

  @Test
  void givenAlpacareDirWithoutResponsePrompt_namesThatFile() throws Exception {
    assumeTrue(Files.isDirectory(ALPACARE), "shared AlpaCare data present");
    Path dir = Files.createDirectories(tmp.resolve("partial"));
    for (String f : List.of("instruction_prompt.txt", "generation_system_prompt.txt")) {
      Files.copy(ALPACARE.resolve(f), dir.resolve(f));
    }
    UserInputException e =
        assertThrows(
            UserInputException.class,
            () ->
                Runs.generate(
                    "--method=alpacare", "--alpacareDir=" + dir, "--output=" + tmp.resolve("out")));
    assertThat(
        e.getMessage(), containsString(dir.resolve("response_system_prompt.txt").toString()));
  }

  @Test
  void givenUnknownMethod_isABadOption() {
    UserInputException e =
        assertThrows(
            UserInputException.class,
            () -> Runs.generate("--method=alpaca", "--output=" + tmp.resolve("out")));
    assertThat(e.getMessage(), containsString("--method"));
  }

  /** Generation requests get the next two tasks; response requests a short answer. */
  private static String reply(JsonObject body, AtomicInteger next) {
    String user = FakeOpenAi.lastMessage(body);
    if (!user.endsWith(". Type:")) {
      return "The answer is (A) Ethosuximide.";
    }
    int first =
        Integer.parseInt(
            user.substring(user.lastIndexOf("###\n") + 4, user.length() - ". Type:".length()));
    int k = next.getAndAdd(2);
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < 2; j++) {
      String[] t = TASKS.get((k + j) % TASKS.size());
      if (j > 0) {
        sb.append("###\n").append(first + j).append(". Type:");
      }
      sb.append(' ')
          .append(t[0])
          .append("\nTopic: Cardiology\nView: Clinician\nDifficulty: 3\n")
          .append("Instruction: ")
          .append(t[1])
          .append("\nInput: ")
          .append(t[2])
          .append('\n');
    }
    return sb.toString();
  }

  /** med_seed.json's records as written, with the ids the loader gives them ("seed-N"), by id. */
  private static List<MedTask> rawSeeds() throws Exception {
    JsonArray a =
        JsonParser.parseString(Files.readString(ALPACARE.resolve("med_seed.json")))
            .getAsJsonArray();
    List<MedTask> seeds = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      JsonObject o = a.get(i).getAsJsonObject();
      seeds.add(
          MedTask.seed(
              "seed-" + (i + 1),
              new MedTask.Labels(
                  o.get("type").getAsString(),
                  o.get("topic").getAsString(),
                  o.get("view").getAsString(),
                  o.get("difficulty").getAsString()),
              o.get("instruction").getAsString(),
              o.get("input").getAsString()));
    }
    seeds.sort(Comparator.comparing(MedTask::id));
    return seeds;
  }

  private static String firstSeedInstruction() {
    try {
      return JsonParser.parseString(Files.readString(ALPACARE.resolve("med_seed.json")))
          .getAsJsonArray()
          .get(0)
          .getAsJsonObject()
          .get("instruction")
          .getAsString()
          .strip();
    } catch (Exception e) {
      return "no shared data";
    }
  }

  /** utils.task_encode_prompt and task_generation.py's request, with N the whole list. */
  private static JsonObject generationBody(
      String prompt, String system, List<MedTask> sample, int newTasks) {
    int n = sample.size() + newTasks;
    StringBuilder p = new StringBuilder(prompt).append("\n");
    p.append("\nList of ").append(n).append(" tasks:\n");
    int idx = 0;
    for (MedTask t : sample) {
      String instruction = t.instruction().replaceAll("\\s+", " ").strip().replaceAll(":+$", "");
      p.append("###\n")
          .append(idx + 1)
          .append(". Type: ")
          .append(t.type())
          .append("\n")
          .append("Topic: ")
          .append(t.topic())
          .append("\n")
          .append("View: ")
          .append(t.view())
          .append("\n")
          .append("Difficulty: ")
          .append(t.difficulty())
          .append("\n")
          .append("Instruction: ")
          .append(instruction)
          .append("\n")
          .append("Input: ")
          .append(t.input())
          .append("\n");
      idx++;
    }
    p.append("###\n").append(idx + 1).append(". Type:");
    JsonObject b = body("gpt-4", system, p.toString(), 500);
    JsonArray stop = new JsonArray();
    stop.add("###\n" + (n + 1));
    stop.add((n + 1) + ".");
    stop.add((n + 1) + " .");
    b.add("stop", stop);
    return b;
  }

  /** utils.gpt_output_generation_encode_prompt without the "NA" bug, and the response request. */
  private static JsonObject responseBody(String system, String instruction, String input) {
    String user = instruction + "\n\n";
    if (!(input.isEmpty() || input.contains("<noinput>"))) {
      user += input + "\n";
    }
    return body("gpt-3.5-turbo", system, user, 300);
  }

  private static JsonObject body(String model, String system, String user, int maxTokens) {
    JsonObject b =
        JsonParser.parseString(
                "{\"temperature\": 1.0, \"top_p\": 1.0, \"presence_penalty\": 1.5,"
                    + " \"frequency_penalty\": 0}")
            .getAsJsonObject();
    b.addProperty("model", model);
    JsonArray messages = new JsonArray();
    for (String[] m : List.of(new String[] {"system", system}, new String[] {"user", user})) {
      JsonObject o = new JsonObject();
      o.addProperty("role", m[0]);
      o.addProperty("content", m[1]);
      messages.add(o);
    }
    b.add("messages", messages);
    b.add("max_tokens", JsonParser.parseString(Integer.toString(maxTokens)));
    return b;
  }
}
