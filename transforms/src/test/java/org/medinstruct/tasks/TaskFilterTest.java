package org.medinstruct.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.medinstruct.model.MedTask;
import org.medinstruct.tasks.TaskFilter.FilterSettings;

class TaskFilterTest {
  static final FilterSettings S = FilterSettings.defaults();

  static String words(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : " ").append("word").append(i);
    }
    return sb.toString();
  }

  static MedTask task(String type, String difficulty, String instruction, String input) {
    return MedTask.seed(
        null, new MedTask.Labels(type, "Cardiology", "Physician", difficulty), instruction, input);
  }

  static MedTask ok(String instruction) {
    return task("Open Q&A", "3", instruction, MedTask.NO_INPUT);
  }

  static String reason(MedTask t) {
    return reason(t, S);
  }

  static String reason(MedTask t, FilterSettings settings) {
    return TaskFilter.check(t, settings).map(QualityIssue::code).orElse("kept");
  }

  @Test
  void givenWellFormedTask_keepsIt() {
    assertEquals(
        Optional.empty(),
        TaskFilter.check(ok("Explain how beta blockers lower blood pressure."), S));
  }

  @Test
  void givenMissingOrEmptyField_namesTheField() {
    MedTask noTopic =
        MedTask.seed(
            null,
            new MedTask.Labels("Chat", null, "Patient", "2"),
            "Explain what asthma is please.",
            "<noinput>");
    var issue = TaskFilter.check(noTopic, S).orElseThrow();
    assertEquals(QualityReason.MISSING_FIELD, issue.reason());
    assertTrue(issue.detail().contains("topic"), issue.detail());
    MedTask emptyInput = task("Chat", "2", "Explain what asthma is please.", " ");
    assertEquals("missing_field", reason(emptyInput));
    assertTrue(
        TaskFilter.check(emptyInput, S).orElseThrow().detail().contains("input field is empty"));
    assertEquals(
        "missing_field", reason(task(null, "2", "Explain what asthma is please.", "<noinput>")));
    assertEquals(
        "missing_field", reason(task("Chat", "", "Explain what asthma is please.", "<noinput>")));
    assertEquals("missing_field", reason(task("Chat", "2", null, "<noinput>")));
  }

  @Test
  void givenInstructionOfThreeWordsOrFewer_rejectsTooShort() {
    assertEquals("instruction_too_short", reason(ok("Explain asthma briefly.")));
    assertEquals("kept", reason(ok("Explain asthma very briefly.")));
  }

  @Test
  void givenInstructionOver150Words_rejectsTooLong() {
    assertEquals("instruction_too_long", reason(ok(words(151))));
    assertEquals("kept", reason(ok(words(150))));
  }

  @Test
  void givenInstructionStartingWithPunctuationOrNonAscii_rejects() {
    assertEquals("instruction_bad_start", reason(ok("\"Explain how asthma inhalers work.\"")));
    assertEquals("instruction_bad_start", reason(ok("- Explain how asthma inhalers work.")));
    assertEquals("instruction_bad_start", reason(ok("Ébauchez how asthma inhalers work.")));
  }

  @Test
  void givenNonTextRequest_rejectsWithTheKindAndPhrase() {
    assertEquals("non_text_task", reason(ok("Describe the chest X-ray Image of pneumonia.")));
    assertEquals("non_text_task", reason(ok("Draw the conduction system of the heart.")));
    assertEquals("non_text_task", reason(ok("Plot blood pressure against age for adults.")));
    assertEquals("non_text_task", reason(ok("Create a flowchart for sepsis management.")));
    QualityIssue issue =
        TaskFilter.check(ok("Watch the video of the patient's gait."), S).orElseThrow();
    assertEquals(QualityReason.NON_TEXT_TASK, issue.reason());
    assertTrue(
        issue.detail().contains("watch a video") && issue.detail().contains("Watch the video"),
        issue.detail());
  }

  @Test
  void givenClinicalUseOfFormerlyBlacklistedWords_keepsTask() {
    assertEquals("kept", reason(ok("Explain genome mapping techniques for students.")));
    assertEquals("kept", reason(ok("Describe the lipid profile of this patient.")));
    assertEquals("kept", reason(ok("Explain imaging options for suspected appendicitis.")));
    assertEquals("kept", reason(ok("Explain why nurses go together to rounds.")));
    assertEquals("kept", reason(ok("Tell me when to go to the emergency room.")));
  }

  @Test
  void givenDifficultyNotInteger1To5_rejects() {
    for (String d : new String[] {"0", "6", "3/5", "three", "2.5"}) {
      assertEquals(
          "bad_difficulty",
          reason(task("Open Q&A", d, "Explain how asthma inhalers work.", "<noinput>")),
          d);
    }
    assertEquals(
        "kept", reason(task("Open Q&A", " 5 ", "Explain how asthma inhalers work.", "<noinput>")));
  }

  @Test
  void byDefault_inputLengthIsNotBounded() {
    String instr = "Summarize the following clinical note.";
    assertEquals("kept", reason(task("Summarization", "2", instr, words(1))));
    assertEquals("kept", reason(task("Summarization", "2", instr, words(900))));
  }

  @Test
  void strictProfile_rejectsInputOutside50To200Words() {
    String instr = "Summarize the following clinical note.";
    FilterSettings strict = FilterSettings.of("strict", null, null);
    assertEquals("input_too_short", reason(task("Summarization", "2", instr, words(49)), strict));
    assertEquals("kept", reason(task("Summarization", "2", instr, words(50)), strict));
    assertEquals("kept", reason(task("Summarization", "2", instr, words(200)), strict));
    assertEquals("input_too_long", reason(task("Summarization", "2", instr, words(201)), strict));
    assertEquals(
        "usmle_input_too_short",
        reason(
            task(
                "USMLE-style Q&A",
                "4",
                "Answer the following USMLE question.",
                words(30) + " A) x B) y"),
            strict));
  }

  @Test
  void explicitInputBounds_overrideTheProfile() {
    String instr = "Summarize the following clinical note.";
    FilterSettings s = FilterSettings.of("default", 10, null);
    assertEquals("input_too_short", reason(task("Summarization", "2", instr, words(9)), s));
    assertEquals("kept", reason(task("Summarization", "2", instr, words(5000)), s));
    FilterSettings unbounded = FilterSettings.of("strict", null, 0);
    assertEquals("kept", reason(task("Summarization", "2", instr, words(5000)), unbounded));
    assertThrows(IllegalArgumentException.class, () -> FilterSettings.of("loose", null, null));
    assertThrows(IllegalArgumentException.class, () -> FilterSettings.of("default", 30, 20));
  }

  @Test
  void givenUsmleTaskWithoutInput_rejects() {
    String instr = "Answer the following USMLE question.";
    String choices = "\nA) one\nB) two\nC) three";
    assertEquals("usmle_input_too_short", reason(task("USMLE-Style Q&A", "4", instr, "<noinput>")));
    assertEquals("kept", reason(task("USMLE Style Q&A", "4", instr, words(20) + choices)));
  }

  @Test
  void givenMultipleChoiceWithoutChoices_rejects() {
    String instr = "Choose the correct answer below.";
    assertEquals("mcq_without_choices", reason(task("Multiple-choice Q&A", "2", instr, words(60))));
    assertEquals("mcq_without_choices", reason(task("MCQ", "2", instr, "<noinput>")));
    assertEquals(
        "kept",
        reason(task("Multiple choice Q&A", "2", instr, words(55) + "\nA) x\nB) y\nC) z\nD) w")));
    assertEquals(
        "kept", reason(task("Multiple-Choice Q&A", "2", instr, words(55) + " (A) x (B) y (C) z")));
    assertEquals("kept", reason(task("MCQ", "2", instr, words(55) + " a) x b) y c) z")));
    assertEquals(
        "kept",
        reason(task("MCQ", "2", instr, words(55) + " A. Hypothyroidism B. Hyperthyroidism")));
  }

  @Test
  void choiceDetection_ignoresVitaminLettersAndNeedsTwoChoices() {
    assertTrue(!Choices.present("Deficiency of vitamin A. Also hepatitis"));
    assertTrue(!Choices.present("A) only one choice"));
    assertTrue(Choices.present("Choice A: x Choice B: y"));
  }

  @Test
  void wordCount_matchesPythonSplit() {
    assertEquals(0, TaskFilter.words("  \n "));
    assertEquals(3, TaskFilter.words(" a\tb\u00A0 c\n"));
  }
}
