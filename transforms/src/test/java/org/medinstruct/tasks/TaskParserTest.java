package org.medinstruct.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medinstruct.model.MedTask;
import org.medinstruct.tasks.TaskParser.ParseResult;

class TaskParserTest {
  static final String TWO_TASKS =
      " Open Q&A\nTopic: Asthma\nView: Patient\nDifficulty: 1\n"
          + "Instruction: What should I do when my inhaler does not help?\nInput: <noinput>\n"
          + "###\n5. Type: Summarization\nTopic: Cardiology\nView: Physician\nDifficulty: 3\n"
          + "Instruction: Summarize the note below.\nInput: A 60-year-old man with chest pain.\n"
          + "Second line of the note.\n###\n";

  static Path sample() {
    String shared = System.getProperty("medinstruct.shared");
    Path p = shared == null ? null : Path.of(shared, "data/alpacare/gpt4_generation_sample.jsonl");
    assumeTrue(p != null && Files.exists(p), "AlpaCare sample not available");
    return p;
  }

  @Test
  void givenAlpaCareGpt4Sample_recovers19WellFormedTasks() throws Exception {
    List<MedTask> all = new ArrayList<>();
    for (String line : Files.readAllLines(sample(), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject o = JsonParser.parseString(line).getAsJsonObject();
      String raw =
          "Type: "
              + o.get("type").getAsString()
              + "\nTopic: "
              + o.get("topic").getAsString()
              + "\nView: "
              + o.get("view").getAsString()
              + "\nDifficulty: "
              + o.get("difficulty").getAsString()
              + "\nInstruction: "
              + o.get("instruction").getAsString()
              + "\nInput: "
              + o.get("input").getAsString();
      ParseResult r = TaskParser.parse(raw.substring("Type:".length()), "stop", 1);
      assertEquals(List.of(), r.rejected());
      assertEquals(0, r.droppedTruncated());
      all.addAll(r.tasks());
    }
    assertEquals(19, all.size());
    for (MedTask t : all) {
      var issue = TaskFilter.check(t, TaskFilter.FilterSettings.defaults());
      assertTrue(
          issue.isEmpty() || issue.get().reason() != QualityReason.MISSING_FIELD, t + " " + issue);
      assertTrue(!t.input().matches("(?s).*\\d\\.\\s*Type:.*"), "unsplit: " + t.input());
      assertTrue(!t.input().startsWith("\""), t.input());
    }
    // First record: the patient task and the swallowed anatomy task.
    assertTrue(
        all.get(0).input().endsWith("Should I get tested for COVID-19?"), all.get(0).input());
    MedTask swallowed = all.get(1);
    assertEquals("Open Q&A", swallowed.type());
    assertEquals("Anatomy", swallowed.topic());
    assertEquals("Expert", swallowed.view());
    assertEquals("4", swallowed.difficulty());
    assertEquals(
        "Explain the different muscles involved in shoulder abduction and adduction.",
        swallowed.instruction());
    assertEquals(MedTask.NO_INPUT, swallowed.input());
    // Second record: quoted <noinput> and a lone opening quote are removed.
    assertEquals(MedTask.NO_INPUT, all.get(2).input());
    assertTrue(
        all.get(3).input().startsWith("I've been experiencing wheezing"), all.get(3).input());
  }

  @Test
  void givenHashSeparatedCompletion_parsesEachTaskInOrder() {
    ParseResult r = TaskParser.parse(TWO_TASKS, "stop", 4);
    assertEquals(2, r.tasks().size());
    MedTask a = r.tasks().get(0);
    assertEquals("Open Q&A", a.type());
    assertEquals("Asthma", a.topic());
    assertEquals("What should I do when my inhaler does not help?", a.instruction());
    assertEquals(MedTask.NO_INPUT, a.input());
    assertEquals(0, a.position());
    MedTask b = r.tasks().get(1);
    assertEquals("Summarization", b.type());
    assertEquals("A 60-year-old man with chest pain.\nSecond line of the note.", b.input());
    assertEquals(1, b.position());
    assertEquals(List.of(), r.rejected());
    assertNull(r.truncatedText());
  }

  @Test
  void givenNumberedTasksWithoutHashes_splitsOnTypeLabels() {
    String c =
        " Chat\n"
            + "Topic: Diabetes\n"
            + "View: Patient\n"
            + "Difficulty: 2\n"
            + "Instruction: Ask about diet please.\n"
            + "Input: <noinput>\n"
            + "5. Type: Rewrite\n"
            + "Topic: Nephrology\n"
            + "View: Nurse\n"
            + "Difficulty: 3\n"
            + "Instruction: Rewrite this text simply.\n"
            + "Input: <noinput>";
    ParseResult r = TaskParser.parse(c, "stop", 4);
    assertEquals(2, r.tasks().size());
    assertEquals(MedTask.NO_INPUT, r.tasks().get(0).input());
    assertEquals("Rewrite", r.tasks().get(1).type());
  }

  @Test
  void givenOddFieldNameVariants_parsesFields() {
    String c =
        " Multiple choice Q&A\n"
            + "4. Topic : Pharmacology\n"
            + "VIEW: Pharmacist\n"
            + "4. difficulty:3\n"
            + "**Instruction:** Pick the right drug class.\n"
            + "input : Question: which?\n"
            + "A) one\n"
            + "B) two";
    MedTask t = TaskParser.parse(c, "stop", 4).tasks().get(0);
    assertEquals("Multiple-choice Q&A", t.type());
    assertEquals("Pharmacology", t.topic());
    assertEquals("Pharmacist", t.view());
    assertEquals("3", t.difficulty());
    assertEquals("Pick the right drug class.", t.instruction());
    assertEquals("Question: which?\nA) one\nB) two", t.input());
  }

  @Test
  void givenInlineFieldsWithTaskNumberPrefixes_parsesFields() {
    String c =
        " Chat 7. Topic: Sleep 7. View: Patient 7. Difficulty: 2. 7. Instruction: Ask about"
            + " insomnia now. 7. Input: '<noinput>'";
    MedTask t = TaskParser.parse(c, "stop", 7).tasks().get(0);
    assertEquals("Chat", t.type());
    assertEquals("Sleep", t.topic());
    assertEquals("2.", t.difficulty());
    assertEquals("Ask about insomnia now.", t.instruction());
    assertEquals(MedTask.NO_INPUT, t.input());
  }

  @Test
  void givenQuotedValues_stripsWrappingQuotesOnly() {
    assertEquals(MedTask.NO_INPUT, TaskParser.clean("\"<noinput>\"", false));
    assertEquals(MedTask.NO_INPUT, TaskParser.clean("'<noinput>'", false));
    assertEquals(MedTask.NO_INPUT, TaskParser.clean("\"<noinput>", false));
    assertEquals("Explain asthma.", TaskParser.clean("\"Explain asthma.\"", false));
    assertEquals("He said \"stop\" twice", TaskParser.clean("He said \"stop\" twice", false));
    assertEquals("\"A\" or \"B\"", TaskParser.clean("\"A\" or \"B\"", false));
  }

  @Test
  void givenMissingFields_keepsTaskWithNullsForTheFilter() {
    MedTask t =
        TaskParser.parse(
                " Chat\nTopic: Asthma\nInstruction: Explain asthma to me please.", "stop", 4)
            .tasks()
            .get(0);
    assertNull(t.view());
    assertNull(t.difficulty());
    assertNull(t.input());
    assertEquals(
        "missing_field",
        TaskFilter.check(t, TaskFilter.FilterSettings.defaults()).orElseThrow().code());
  }

  @Test
  void givenLengthFinishReason_dropsLastTaskAsTruncated() {
    String c = TWO_TASKS.substring(0, TWO_TASKS.indexOf("Second line"));
    ParseResult r = TaskParser.parse(c, "length", 4);
    assertEquals(1, r.tasks().size());
    assertEquals(1, r.droppedTruncated());
    assertTrue(r.truncatedText().startsWith("5. Type: Summarization"), r.truncatedText());
    ParseResult stop = TaskParser.parse(c, "stop", 4);
    assertEquals(2, stop.tasks().size());
    assertEquals(0, stop.droppedTruncated());
  }

  @Test
  void givenLengthFinishAfterCompleteSeparator_dropsNothing() {
    ParseResult r = TaskParser.parse(TWO_TASKS, "length", 4);
    assertEquals(2, r.tasks().size());
    assertEquals(0, r.droppedTruncated());
  }

  @Test
  void givenChunkWithoutFields_reportsItAsUnparseable() {
    String c = TWO_TASKS + "Thanks, I hope these tasks are useful!\n";
    ParseResult r = TaskParser.parse(c, "stop", 4);
    assertEquals(2, r.tasks().size());
    assertEquals(1, r.rejected().size());
    assertEquals("unparseable", r.rejected().get(0).reason());
    assertEquals("Thanks, I hope these tasks are useful!", r.rejected().get(0).text());
  }

  @Test
  void givenEmptyCompletion_returnsOneTaskWithNullsNotAnException() {
    ParseResult r = TaskParser.parse("", "stop", 4);
    assertEquals(1, r.tasks().size());
    assertEquals("", r.tasks().get(0).type());
    assertNull(r.tasks().get(0).instruction());
  }
}
