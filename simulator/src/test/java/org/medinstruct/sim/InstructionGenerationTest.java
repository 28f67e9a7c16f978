package org.medinstruct.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.medinstruct.dedup.RougeL;
import org.medinstruct.sim.InstructionWriter.Defect;

class InstructionGenerationTest {
  private static final Pattern HEADER = Pattern.compile("(?m)^\\s*(\\d+)\\.\\s*Type:");
  private static final Pattern BLACKLIST =
      Pattern.compile(
          "(?i)\\b(image|images|graph|graphs"
              + "|picture|pictures|file|files|map|maps|draw|plot|go to|video|audio|music|flowchart"
              + "|diagram)\\b");
  private static final Pattern CHOICES = Pattern.compile("(^|\\s)\\(?A\\)[\\s\\S]*\\(?B\\)");
  private static final Pattern ODD_FIELDS =
      Pattern.compile("(?m)^(topic:|TOPIC :|instruction :|INSTRUCTION:|INPUT:|input :)");

  private static String prompt(int seed) {
    return SimPrompts.prompt(SimPrompts.seedInstructions(), new SplittableRandom(seed));
  }

  private static List<String> promptSeeds(String prompt) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^Instruction: (.*)$").matcher(prompt);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void givenStopAtSixteen_writesTwelveCleanTasksNumberedFourToFifteen() throws Exception {
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults().withDefectRate(0))) {
      Set<String> types = new HashSet<>();
      for (int req = 0; req < 30; req++) {
        HttpResponse<String> r =
            SimHttp.post(
                s.baseUrl(), SimHttp.body(null, prompt(req), List.of("16. Type:", "\n\n\n"), 3072));
        assertEquals("stop", SimHttp.finishReason(r));
        String c = SimHttp.content(r);
        assertTrue(c.startsWith(" "), "continues right after 'Type:'");
        assertTrue(c.endsWith("\n###\n"), "stops before the stop header");
        assertFalse(c.contains("16. Type:"));
        List<Integer> numbers = new ArrayList<>();
        Matcher m = HEADER.matcher("4. Type:" + c);
        while (m.find()) {
          numbers.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(List.of(4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), numbers);
        List<TaskSplitter.Parsed> tasks = TaskSplitter.split(4, c);
        assertEquals(12, tasks.size());
        for (TaskSplitter.Parsed t : tasks) {
          assertNotNull(t.instruction(), t.toString());
          assertTrue(TaskTemplates.TYPES.contains(t.type()), t.type());
          types.add(t.type());
          int d = Integer.parseInt(t.difficulty());
          assertTrue(d >= 1 && d <= 5);
          assertFalse(t.topic().isBlank());
          assertFalse(t.view().isBlank());
          assertFalse(BLACKLIST.matcher(t.instruction()).find(), t.instruction());
          assertTrue(t.instruction().split("\\s+").length > 3, t.instruction());
          if (!t.input().equals("<noinput>")) {
            int words = ClinicalText.words(t.input());
            assertTrue(words >= 50 && words <= 200, words + " words: " + t.input());
          }
          if (t.type().equals("Multiple-choice Q&A") || t.type().equals("USMLE-style Q&A")) {
            assertTrue(CHOICES.matcher(t.input()).find(), t.input());
          }
        }
      }
      assertEquals(new HashSet<>(TaskTemplates.TYPES), types, "all ten formats appear");
    }
  }

  @Test
  void givenNoStopSequence_writesTwelveTasks() throws Exception {
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults().withDefectRate(0))) {
      String c =
          SimHttp.content(SimHttp.post(s.baseUrl(), SimHttp.body(null, prompt(1), null, null)));
      Matcher m = HEADER.matcher("4. Type:" + c);
      int n = 0;
      while (m.find()) {
        n++;
      }
      assertEquals(12 + 1, n, "twelve tasks, then the model starts task 16");
      assertEquals(12, InstructionWriter.taskCount(4, List.of()));
      assertEquals(5, InstructionWriter.taskCount(4, List.of("###", "9. Type:")));
      assertEquals(7, InstructionWriter.firstNumber("blah\n###\n7. Type:  \n"));
      assertEquals(-1, InstructionWriter.firstNumber("What is asthma?"));
    }
  }

  @Test
  void overManyRequests_eachDefectAppearsAtAboutTheConfiguredRate() throws Exception {
    Map<Defect, Integer> counts = new EnumMap<>(Defect.class);
    int tasks = 0;
    int requests = 100;
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults())) {
      for (int req = 0; req < requests; req++) {
        String prompt = prompt(1000 + req);
        List<String> seeds = promptSeeds(prompt);
        String c =
            SimHttp.content(
                SimHttp.post(s.baseUrl(), SimHttp.body(null, prompt, List.of("16. Type:"), null)));
        Matcher h = HEADER.matcher("4. Type:" + c);
        int n = 0;
        while (h.find()) {
          n++;
        }
        tasks += n;
        if (n < 12) {
          counts.merge(Defect.FEWER_TASKS, 1, Integer::sum);
        }
        // Run-on tasks: a header not preceded by "###".
        Matcher runOn = Pattern.compile("(?<!###)\\n\\d+\\. Type:").matcher(c);
        while (runOn.find()) {
          counts.merge(Defect.MISSING_SEPARATOR, 1, Integer::sum);
        }
        Matcher odd = ODD_FIELDS.matcher(c);
        Set<Integer> oddTasks = new HashSet<>();
        while (odd.find()) {
          oddTasks.add(c.substring(0, odd.start()).split("Type:").length);
        }
        counts.merge(Defect.ODD_FIELD_NAMES, oddTasks.size(), Integer::sum);
        // Re-split with separators restored so that every task is seen on its own.
        String restored = c.replaceAll("(?<!###)\\n(\\d+\\. Type:)", "\n###\n$1");
        List<String> earlier = new ArrayList<>();
        for (TaskSplitter.Parsed t : TaskSplitter.split(4, restored)) {
          if (t.instruction() == null) {
            continue;
          }
          String in = t.instruction();
          if (t.input().startsWith("\"")) {
            counts.merge(Defect.QUOTED_NOINPUT, 1, Integer::sum);
          }
          if (!t.difficulty().matches("[1-5]")) {
            counts.merge(Defect.DIFFICULTY_OUT_OF_RANGE, 1, Integer::sum);
          }
          if (BLACKLIST.matcher(in).find()) {
            counts.merge(Defect.BLACKLISTED_WORD, 1, Integer::sum);
          }
          if (seeds.stream().anyMatch(x -> RougeL.score(x, in) > 0.7)) {
            counts.merge(Defect.SEED_NEAR_DUPLICATE, 1, Integer::sum);
          }
          if (earlier.stream().anyMatch(x -> RougeL.score(x, in) > 0.7)) {
            counts.merge(Defect.INTERNAL_NEAR_DUPLICATE, 1, Integer::sum);
          }
          earlier.add(in);
          if (in.split("\\s+").length <= 3) {
            counts.merge(Defect.SHORT_INSTRUCTION, 1, Integer::sum);
          }
          String input = t.input().replace("\"", "");
          if (t.type().equals("Multiple-choice Q&A") && !CHOICES.matcher(input).find()) {
            counts.merge(Defect.MCQ_WITHOUT_CHOICES, 1, Integer::sum);
          }
          if (t.type().equals("USMLE-style Q&A") && ClinicalText.words(input) < 50) {
            counts.merge(Defect.SHORT_USMLE_INPUT, 1, Integer::sum);
          }
        }
      }
    }
    System.out.println("defects in " + tasks + " tasks of " + requests + " requests: " + counts);
    for (Defect d : Defect.values()) {
      int count = counts.getOrDefault(d, 0);
      if (d == Defect.FEWER_TASKS) {
        assertTrue(count <= 8, d + " in " + count + " of " + requests + " requests");
        continue;
      }
      double rate = (double) count / tasks;
      // Expected 3% (about 36 of 1200); the bounds leave room for chance and for overlaps.
      assertTrue(rate >= 0.01 && rate <= 0.07, d + ": " + count + " of " + tasks);
    }
  }

  @Test
  void givenHighDefectRate_someCompletionsHoldFewerTasks() {
    int fewer = 0;
    for (int i = 0; i < 200; i++) {
      Pick pick = new Pick(new SplittableRandom(i));
      String c = new InstructionWriter(pick, 0.15).write(prompt(i), 4, 12);
      if (!c.endsWith("16. Type:")) {
        fewer++;
      }
    }
    assertTrue(fewer >= 3 && fewer <= 25, "fewer tasks in " + fewer + " of 200");
  }

  @Test
  void givenTheReferenceScriptsPromptFormat_continuesWithTheRequestedTasks() throws Exception {
    java.nio.file.Path dir = SimPrompts.sharedSeedFile().getParent();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.exists(dir.resolve("instruction_prompt.txt")),
        "shared AlpaCare data not present");
    String requirements = java.nio.file.Files.readString(dir.resolve("instruction_prompt.txt"));
    StringBuilder prompt = new StringBuilder(requirements).append("\nList of 12 tasks:\n");
    List<String> seeds = SimPrompts.seedInstructions();
    for (int i = 1; i <= 3; i++) {
      prompt
          .append("###\n")
          .append(i)
          .append(
              ". Type: Open Q&A\nTopic: Neurology\nView:"
                  + " Student\nDifficulty: 1\nInstruction: ")
          .append(seeds.get(i * 7))
          .append("\nInput: <noinput>\n");
    }
    prompt.append("###\n4. Type:");
    String body =
        "{\"model\":\"gpt-4\",\"messages\":[{\"role\":\"system\",\"content\":"
            + "\"Your objective is to generate diverse medical-related tasks.\"},{\"role\":"
            + "\"user\",\"content\":"
            + new com.google.gson.Gson().toJson(prompt.toString())
            + "}],\"temperature\":1,\"top_p\":1,\"max_tokens\":3072,\"stop\":[\"16. Type:\"]}";
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults().withDefectRate(0))) {
      String c = SimHttp.content(SimHttp.post(s.baseUrl(), body));
      assertEquals(12, TaskSplitter.split(4, c).size());
      // Near-copies of seeds are taken from the prompt's own "Instruction:" lines.
      List<String> shown = List.of(seeds.get(7), seeds.get(14), seeds.get(21));
      int nearSeed = 0;
      for (int i = 0; i < 30; i++) {
        InstructionWriter w = new InstructionWriter(new Pick(new SplittableRandom(i)), 1.0 / 6);
        for (TaskSplitter.Parsed t : TaskSplitter.split(4, w.write(prompt.toString(), 4, 12))) {
          String in = t.instruction();
          if (in != null && shown.stream().anyMatch(x -> RougeL.score(x, in) > 0.7)) {
            nearSeed++;
          }
        }
      }
      assertTrue(nearSeed >= 20 && nearSeed <= 120, nearSeed + " near-copies of shown seeds");
    }
  }

  @Test
  void nearDuplicate_staysAboveRougeThreshold() {
    InstructionWriter w = new InstructionWriter(new Pick(new SplittableRandom(3)), 0.03);
    for (String seed : SimPrompts.seedInstructions()) {
      String dup = w.nearDuplicate(seed);
      assertTrue(RougeL.score(seed, dup) > 0.7, seed + " -> " + dup);
    }
  }
}
