package org.medinstruct.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ResponseGenerationTest {
  private static final String SYSTEM =
      "You are a helpful medical assistant. Answer the"
          + " instruction using the input when one is given.";
  private static final Pattern ANSWER = Pattern.compile("The answer is \\(([A-E])\\)\\.$");

  @Test
  void givenMultipleChoiceInputs_endsWithTheAnswerIsAndAnOfferedLetter() throws Exception {
    List<String> users =
        List.of(
            "Choose the correct answer.\n\nWhich drug is first-line for gout flares? A) colchicine"
                + " B) warfarin C) levothyroxine D) lisinopril",
            "Answer the following question.\n\nA 30-year-old woman has heat intolerance.\n(A)"
                + " Graves disease\n(B) asthma\n(C) gout",
            "Answer this USMLE-style question about a 60-year-old man with chest pain.\n\n"
                + "<noinput>",
            "Select one.\n\nWhat is the most likely diagnosis?\nA) migraine\nB) epilepsy\nC) stroke"
                + "\nD) meningitis\nE) multiple sclerosis");
    List<String> letters = List.of("ABCD", "ABC", "ABCD", "ABCDE");
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults().withDefectRate(0))) {
      for (int i = 0; i < users.size(); i++) {
        String answer =
            SimHttp.content(
                SimHttp.post(s.baseUrl(), SimHttp.body(SYSTEM, users.get(i), null, null)));
        Matcher m = ANSWER.matcher(answer);
        assertTrue(m.find(), answer);
        assertTrue(letters.get(i).contains(m.group(1)), answer);
      }
    }
  }

  @Test
  void givenGeneratedUsmleTask_picksTheOptionMatchingTheVignette() {
    int right = 0;
    for (int i = 0; i < 50; i++) {
      Pick pick = new Pick(new SplittableRandom(i));
      TaskTemplates.Task t = new TaskTemplates(pick).task("USMLE-style Q&A");
      String user = t.instruction() + "\n\n" + t.input();
      String answer = new ResponseWriter(new Pick(new SplittableRandom(i)), 0).write(SYSTEM, user);
      Matcher m = ANSWER.matcher(answer);
      assertTrue(m.find(), answer);
      right += answer.contains("point towards") ? 1 : 0;
    }
    assertTrue(right >= 40, "reasoned from the vignette in " + right + " of 50");
  }

  @Test
  void givenOpenInstruction_answersWith50To300WordsMentioningItsTopic() throws Exception {
    List<String> users =
        List.of(
            "Explain the pathophysiology of rheumatoid arthritis in older adults.\n\n<noinput>",
            "Write a patient leaflet about warfarin interactions with foods and supplements.",
            "What are the early warning signs of sepsis in nursing home residents?",
            "Summarize the following note.\n\nS: 54-year-old man reports crushing chest pain and"
                + " diaphoresis for 2 hours.");
    try (SimulatedLlmServer s = SimulatedLlmServer.start(SimConfig.defaults().withDefectRate(0))) {
      for (String user : users) {
        String answer =
            SimHttp.content(SimHttp.post(s.baseUrl(), SimHttp.body(SYSTEM, user, null, null)));
        int words = ClinicalText.words(answer);
        assertTrue(words >= 50 && words <= 300, words + " words: " + answer);
        String lower = answer.toLowerCase(Locale.ROOT);
        List<String> topic = ResponseWriter.topicWords(user);
        assertTrue(topic.stream().allMatch(lower::contains), topic + " in " + answer);
        if (user.contains("crushing chest pain")) {
          assertTrue(lower.contains("myocardial infarction"), "recognizes the note: " + answer);
        } else {
          assertTrue(!topic.isEmpty(), user);
        }
        assertTrue(!ANSWER.matcher(answer).find());
      }
    }
  }

  @Test
  void overManyRequests_refusalsEmptyAnswersAndMissingAnswerLinesAppearAtTheRate() {
    int refusals = 0;
    int empty = 0;
    int noAnswerLine = 0;
    int n = 2000;
    for (int i = 0; i < n; i++) {
      ResponseWriter w = new ResponseWriter(new Pick(new SplittableRandom(i)), 0.05);
      String a =
          w.write(
              SYSTEM,
              "Choose one.\n\nWhich is a beta blocker? A) metoprolol"
                  + " B) amlodipine C) lisinopril D) furosemide");
      if (a.startsWith("As an AI language model")) {
        refusals++;
      } else if (a.isEmpty()) {
        empty++;
      } else if (!a.contains("The answer is")) {
        noAnswerLine++;
      }
    }
    for (int count : new int[] {refusals, empty, noAnswerLine}) {
      assertTrue(count > n * 0.03 && count < n * 0.07, refusals + "/" + empty + "/" + noAnswerLine);
    }
  }

  @Test
  void choices_parsesBothLetterStyles() {
    assertEquals(4, ResponseWriter.choices("Q? A) x B) y C) z D) w").size());
    assertEquals(3, ResponseWriter.choices("Q?\n(A) x\n(B) y\n(C) z").size());
    assertEquals(0, ResponseWriter.choices("What is asthma?").size());
  }
}
