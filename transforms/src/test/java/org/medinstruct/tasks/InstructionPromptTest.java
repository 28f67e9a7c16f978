package org.medinstruct.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.dedup.RougeL;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.UserInputException;

class InstructionPromptTest {
  @TempDir Path dir;

  static final List<MedTask> SEEDS =
      List.of(
          MedTask.seed(
              "a",
              new MedTask.Labels("Open Q&A", "Neurology", "Student", "1"),
              "Explain what multiple sclerosis is.",
              "<noinput>"),
          MedTask.seed(
              "b",
              new MedTask.Labels("Rewrite", "Nursing", "Nurse", "3"),
              "Rewrite this note.",
              "Line one\nline two"));

  @Test
  void render_listsSeedsNumberedAndEndsWithNextTypeLabel() {
    InstructionPrompt p = InstructionPrompt.of("RULES");
    String text = p.render(SEEDS, 12);
    assertEquals(
        "RULES\nList of 14 tasks:\n"
            + "###\n1. Type: Open Q&A\nTopic: Neurology\nView: Student\nDifficulty: 1\n"
            + "Instruction: Explain what multiple sclerosis is.\nInput: <noinput>\n"
            + "###\n2. Type: Rewrite\nTopic: Nursing\nView: Nurse\nDifficulty: 3\n"
            + "Instruction: Rewrite this note.\nInput: Line one\nline two\n"
            + "###\n3. Type:",
        text);
  }

  @Test
  void alpacareLayout_rendersTheReferenceScriptsPromptVerbatim() {
    List<MedTask> seeds =
        List.of(
            MedTask.seed(
                "a",
                new MedTask.Labels("Rewrites", "Nursing ", "Medical student", "3"),
                "  Rewrite   this\nnote:: ",
                "Line one \nline two "),
            MedTask.seed(
                "b",
                new MedTask.Labels("Open Q&A", "Neurology", "Student", "1"),
                "What is MS?",
                "<noinput>"));
    InstructionPrompt p = InstructionPrompt.alpacare("RULES\n", "SYSTEM");
    assertEquals(
        "RULES\n\n\nList of 14 tasks:\n"
            + "###\n1. Type: Rewrites\nTopic: Nursing \nView: Medical student\nDifficulty: 3\n"
            + "Instruction: Rewrite this note\nInput: Line one \nline two \n"
            + "###\n2. Type: Open Q&A\nTopic: Neurology\nView: Student\nDifficulty: 1\n"
            + "Instruction: What is MS?\nInput: <noinput>\n"
            + "###\n3. Type:",
        p.render(seeds, 12));
    assertEquals(List.of("###\n15", "15.", "15 ."), p.stop(2, 12));
    assertEquals("system", p.messages(seeds, 12).get(0).role());
    assertEquals("SYSTEM", p.messages(seeds, 12).get(0).content());
    assertNotEquals(InstructionPrompt.of("RULES").templateVersion(), p.templateVersion());
  }

  @Test
  void projectLayoutWithoutSystem_keepsItsJournalVersionAndSendsOneMessage() {
    InstructionPrompt p = InstructionPrompt.of("RULES");
    assertEquals(1, p.messages(SEEDS, 12).size());
    assertEquals(InstructionPrompt.stopSequences(2, 12), p.stop(2, 12));
    assertNotEquals(p.templateVersion(), p.withSystem("S").templateVersion());
  }

  @Test
  void stopSequences_nameTheTaskAfterTheLastWanted() {
    assertEquals(List.of("16. Type:", "\n16."), InstructionPrompt.stopSequences(3, 12));
    assertTrue(InstructionPrompt.stopSequences(3, 12).size() <= 4);
    assertEquals(4, InstructionPrompt.firstTaskNumber(3));
  }

  @Test
  void renderedPromptAndParser_roundTripTheSeedsAsTasks() {
    String prompt = InstructionPrompt.of("RULES").render(SEEDS, 1);
    int first = prompt.indexOf("###\n1. Type:") + "###\n1. Type:".length();
    var r = TaskParser.parse(prompt.substring(first), "stop", 1);
    assertEquals(3, r.tasks().size()); // two seeds and the empty "3. Type:" stub
    assertEquals("Rewrite this note.", r.tasks().get(1).instruction());
    assertEquals("Line one\nline two", r.tasks().get(1).input());
  }

  @Test
  void defaultTemplate_coversTheRequirementsInOurOwnWords() {
    String t = InstructionPrompt.defaultPrompt().template().toLowerCase();
    for (String must :
        new String[] {
          "medical",
          "patients",
          "students",
          "pharmacology",
          "genetics",
          "usmle-style",
          "multiple-choice",
          "multi-hop",
          "single-hop",
          "summarization",
          "classification",
          "<noinput>",
          "50 to 200 words",
          "more than 50 words",
          "first person",
          "###",
          "type, topic, view, difficulty, instruction, input",
          "1 (easiest) to 5"
        }) {
      assertTrue(t.contains(must), must);
    }
    String shared = System.getProperty("medinstruct.shared");
    Path original = shared == null ? null : Path.of(shared, "data/alpacare/instruction_prompt.txt");
    if (original != null && Files.exists(original)) {
      double r = RougeL.score(readQuietly(original), InstructionPrompt.defaultPrompt().template());
      assertTrue(r < 0.5, "too close to AlpaCare's wording: " + r);
    }
  }

  @Test
  void templateVersion_isShortShaThatChangesWithText() {
    String v = InstructionPrompt.of("A").templateVersion();
    assertTrue(v.matches("[0-9a-f]{12}"), v);
    assertEquals(v, InstructionPrompt.of("A").templateVersion());
    assertNotEquals(v, InstructionPrompt.of("B").templateVersion());
    assertEquals("559aead08264", v); // sha256("A") starts 559aead08264d5795d3909718cdd05abd4
  }

  @Test
  void fromFile_readsAlpaCareOriginalVerbatim() throws Exception {
    String shared = System.getProperty("medinstruct.shared");
    Path original = shared == null ? null : Path.of(shared, "data/alpacare/instruction_prompt.txt");
    assumeTrue(original != null && Files.exists(original));
    InstructionPrompt p = InstructionPrompt.fromFile(original);
    assertEquals(Files.readString(original).strip(), p.template());
    assertTrue(p.render(SEEDS, 12).startsWith(p.template() + "\nList of 14 tasks:\n###\n1. Type:"));
  }

  @Test
  void fromFile_givenMissingEmptyOrNonUtf8File_throwsNamingIt() throws Exception {
    Path missing = dir.resolve("none.txt");
    assertTrue(
        assertThrows(UserInputException.class, () -> InstructionPrompt.fromFile(missing))
            .getMessage()
            .startsWith(missing.toString()));
    Path empty = Files.writeString(dir.resolve("e.txt"), " \n");
    assertTrue(
        assertThrows(UserInputException.class, () -> InstructionPrompt.fromFile(empty))
            .getMessage()
            .contains("empty"));
    Path bad = Files.write(dir.resolve("b.txt"), new byte[] {'a', (byte) 0xFF});
    assertTrue(
        assertThrows(UserInputException.class, () -> InstructionPrompt.fromFile(bad))
            .getMessage()
            .contains("UTF-8"));
  }

  static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
