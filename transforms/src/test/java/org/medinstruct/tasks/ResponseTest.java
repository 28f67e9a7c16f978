package org.medinstruct.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.medinstruct.llm.ChatMessage;
import org.medinstruct.model.MedTask;

class ResponseTest {
  static final MedTask OPEN =
      MedTask.seed(
          "o",
          new MedTask.Labels("Open Q&A", "Asthma", "Patient", "1"),
          "What is asthma?",
          "<noinput>");
  static final MedTask MCQ =
      MedTask.seed(
          "m",
          new MedTask.Labels("Multiple-choice Q&A", "Anatomy", "Student", "1"),
          "Pick one.",
          "Which chamber? A) Right atrium B) Left atrium");
  static final MedTask USMLE_OPEN =
      MedTask.seed(
          "u",
          new MedTask.Labels("USMLE-style Q&A", "Peds", "Student", "4"),
          "What is the cause?",
          "A boy has a rash. What could be the cause?");

  static String reason(MedTask t, String out, String finish) {
    return ResponseFilter.check(t, out, finish).map(QualityIssue::code).orElse("kept");
  }

  @Test
  void messages_areSystemRulesThenInstructionAndInput() {
    ResponsePrompt p = ResponsePrompt.defaultPrompt();
    List<ChatMessage> m = p.messages(MCQ);
    assertEquals("system", m.get(0).role());
    assertTrue(m.get(0).content().contains("The answer is (X)."));
    assertTrue(m.get(0).content().toLowerCase().contains("medical expert"));
    assertEquals(
        ChatMessage.user("Pick one.\n\nWhich chamber? A) Right atrium B) Left atrium"), m.get(1));
    assertEquals(ChatMessage.user("What is asthma?"), p.messages(OPEN).get(1));
    assertTrue(p.templateVersion().matches("[0-9a-f]{12}"));
  }

  @Test
  void alpacareLayout_isInstructionBlankLineThenInputAndNewlineWithoutTheNaBug() {
    ResponsePrompt p = ResponsePrompt.alpacare("SYSTEM ");
    MedTask na =
        MedTask.seed(
            "n",
            new MedTask.Labels("Classification", "Cardiology", "Clinician", "2"),
            "Classify this.",
            "NAD on auscultation.");
    assertEquals(
        List.of(ChatMessage.system("SYSTEM "), ChatMessage.user("What is asthma?\n\n")),
        p.messages(OPEN));
    assertEquals(
        ChatMessage.user("Classify this.\n\nNAD on auscultation.\n"), p.messages(na).get(1));
    MedTask empty = MedTask.seed("e", new MedTask.Labels("Chat", "x", "y", "1"), "Hi.", "");
    assertEquals(ChatMessage.user("Hi.\n\n"), p.messages(empty).get(1));
    assertTrue(!p.templateVersion().equals(ResponsePrompt.of("SYSTEM ").templateVersion()));
  }

  @Test
  void givenGoodAnswers_keepsThem() {
    assertEquals("kept", reason(OPEN, "Asthma is a chronic airway disease.", "stop"));
    assertEquals(
        "kept",
        reason(MCQ, "Pulmonary veins drain to the left atrium. The answer is (B).", "stop"));
    assertEquals("kept", reason(USMLE_OPEN, "Likely measles.", "stop"));
  }

  @Test
  void givenEmptyOrBlankOutput_rejects() {
    assertEquals("empty_output", reason(OPEN, "  \n", "stop"));
    assertEquals("empty_output", reason(OPEN, null, "stop"));
  }

  @Test
  void givenLengthFinish_rejectsTruncated() {
    assertEquals("truncated", reason(OPEN, "Asthma is a chronic", "length"));
  }

  @Test
  void givenRefusal_rejectsAtStartOrSentenceStartOnly() {
    assertEquals("refusal", reason(OPEN, "As an AI language model, I cannot diagnose.", "stop"));
    assertEquals("refusal", reason(OPEN, "I’m sorry, but I cannot help with that.", "stop"));
    assertEquals(
        "refusal",
        reason(OPEN, "Asthma is common. I am not able to provide medical advice.", "stop"));
    assertEquals(
        "kept",
        reason(
            OPEN, "Patients often say \"i cannot provide medical advice\" is unhelpful", "stop"));
  }

  @Test
  void givenChoiceQuestionWithoutAnswerSentence_rejects() {
    assertEquals("missing_answer_letter", reason(MCQ, "It is the left atrium.", "stop"));
    MedTask usmle =
        new MedTask(
            "u",
            "USMLE style Q&A",
            "t",
            "v",
            "4",
            "Answer.",
            "Vignette. A) one\nB) two",
            0,
            -1,
            -1,
            List.of());
    assertEquals("missing_answer_letter", reason(usmle, "One.", "stop"));
    assertEquals(Optional.empty(), ResponseFilter.check(usmle, "One. the answer is (A).", "stop"));
  }

  @Test
  void givenChoiceStatedInAnyUsualWay_keepsTheAnswer() {
    for (String answer :
        List.of(
            "The answer is B) Left atrium.",
            "The answer is (B).",
            "Pulmonary veins drain into it. The correct answer is B",
            "The correct answer is: B",
            "Answer: (B)",
            "answer - B",
            "B) Left atrium. Oxygenated blood returns there from the lungs.",
            "(B) Left atrium",
            "**B)** Left atrium",
            "B. Left atrium",
            "The best option is B because the pulmonary veins drain there.",
            "The answer is left atrium.")) {
      assertEquals("kept", reason(MCQ, answer, "stop"), answer);
    }
  }

  @Test
  void givenMissingChoice_theRejectionNamesWhatWasMissing() {
    QualityIssue issue =
        ResponseFilter.check(MCQ, "Oxygenated blood returns from the lungs.", "stop").orElseThrow();
    assertEquals(QualityReason.MISSING_ANSWER_LETTER, issue.reason());
    assertTrue(
        issue.detail().contains("The answer is (X)") && issue.detail().contains("Answer: X"),
        issue.detail());
    assertEquals(
        "missing_answer_letter",
        reason(MCQ, "Because of the pulmonary circulation, it is left.", "stop"));
    assertEquals(
        "missing_answer_letter",
        reason(MCQ, "1. Blood leaves the lungs. 2. It enters the atrium.", "stop"));
  }
}
