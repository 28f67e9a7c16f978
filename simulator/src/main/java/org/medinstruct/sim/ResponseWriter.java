package org.medinstruct.sim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a response-generation request (system message + instruction and input) the way
 * gpt-3.5-turbo does for the AlpaCare pipeline.
 *
 * <p>Input: the system and user message texts and a deterministic random source. Output: a 50-300
 * word medical answer that names the instruction's topic words and any known condition or drug; for
 * multiple-choice questions (choices "A)" or "(A)", or an instruction mentioning multiple choice or
 * USMLE) brief reasoning ending "The answer is (X)." with one of the offered letters. Defects, each
 * at {@code defectRate}: a refusal, an empty answer, and (for multiple-choice) no "The answer is"
 * line.
 */
final class ResponseWriter {
  private static final Pattern CHOICE =
      Pattern.compile("(?:^|\\s)\\(?([A-E])\\)\\s+(.+?)(?=\\s+\\(?[A-E]\\)\\s|$)", Pattern.DOTALL);
  private static final Pattern MCQ_WORDS =
      Pattern.compile("(?i)multiple[- ]choice|usmle|choose the correct|select the best answer");
  private static final Set<String> STOPWORDS =
      Set.copyOf(
          List.of(
              "about",
              "above",
              "after",
              "again",
              "against",
              "based",
              "below",
              "between",
              "could",
              "describe",
              "explain",
              "following",
              "given",
              "their",
              "there",
              "these",
              "those",
              "under",
              "using",
              "where",
              "which",
              "while",
              "would",
              "write",
              "should",
              "provide",
              "patient",
              "patients",
              "information",
              "answer",
              "question",
              "please",
              "other",
              "being",
              "simple",
              "language",
              "response",
              "include",
              "including",
              "might",
              "before",
              "because",
              "input",
              "instruction",
              "noinput",
              "create",
              "draft",
              "compose",
              "prepare",
              "produce",
              "develop",
              "generate",
              "reformat",
              "rewrite",
              "rephrase",
              "reword",
              "summarize",
              "classify",
              "categorize",
              "provided",
              "suitable",
              "format",
              "perspective",
              "avoiding",
              "jargon",
              "concise",
              "brief",
              "short",
              "choose",
              "select",
              "answer",
              "identify",
              "determine",
              "outline",
              "discuss",
              "clarify",
              "detail",
              "review",
              "briefly",
              "attached",
              "given",
              "below",
              "these",
              "their",
              "aimed",
              "tailored",
              "intended",
              "explaining",
              "describing",
              "covering",
              "focusing",
              "highlighting",
              "words",
              "sentences",
              "convert",
              "transform",
              "paraphrase",
              "simplify",
              "condense",
              "recap",
              "extract",
              "label",
              "decide",
              "assign",
              "route",
              "calculate",
              "compute",
              "work",
              "through",
              "single",
              "correct",
              "option",
              "options",
              "following"));
  static final String REFUSAL =
      "As an AI language model, I cannot provide a diagnosis or personalised medical advice."
          + " Please consult a qualified healthcare professional who can assess your situation.";

  private final Pick pick;
  private final double rate;

  ResponseWriter(Pick pick, double defectRate) {
    this.pick = pick;
    this.rate = Math.max(0, Math.min(defectRate, 0.3));
  }

  String write(String system, String user) {
    double u = pick.rnd().nextDouble();
    if (u < rate) {
      return REFUSAL;
    }
    if (u < 2 * rate) {
      return "";
    }
    List<String[]> choices = choices(user);
    boolean mcq = choices.size() >= 2 || MCQ_WORDS.matcher(user).find();
    if (mcq) {
      return multipleChoice(user, choices, u < 3 * rate);
    }
    return openAnswer(user);
  }

  /** Offered choices as {letter, text} pairs, in order. */
  static List<String[]> choices(String text) {
    List<String[]> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    Matcher m = CHOICE.matcher(text);
    while (m.find()) {
      if (seen.add(m.group(1))) {
        out.add(new String[] {m.group(1), m.group(2).trim()});
      }
    }
    return out;
  }

  /** The known condition whose symptoms, findings or name the text mentions most (or null). */
  static Condition bestCondition(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    Condition best = null;
    int bestScore = 0;
    for (Condition c : MedVocab.CONDITIONS) {
      int score = lower.contains(c.name().toLowerCase(Locale.ROOT)) ? 3 : 0;
      for (String s : c.symptoms()) {
        score += lower.contains(s.toLowerCase(Locale.ROOT)) ? 1 : 0;
      }
      for (String f : c.findings()) {
        score += lower.contains(f.toLowerCase(Locale.ROOT)) ? 2 : 0;
      }
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  private static String[] mentionedDrug(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String[] d : MedVocab.DRUGS) {
      if (lower.contains(d[0])) {
        return d;
      }
    }
    return null;
  }

  /** Up to three distinct content words of the instruction (the first line of the message). */
  static List<String> topicWords(String user) {
    String first = user.strip().split("\n", 2)[0];
    Set<String> words = new LinkedHashSet<>();
    for (String w : first.toLowerCase(Locale.ROOT).split("[^a-z0-9-]+")) {
      if (w.length() >= 5 && !STOPWORDS.contains(w)) {
        words.add(w);
      }
      if (words.size() == 3) {
        break;
      }
    }
    return new ArrayList<>(words);
  }

  private String multipleChoice(String user, List<String[]> choices, boolean omitAnswer) {
    Condition c = bestCondition(user);
    String letter = null;
    String optionText = null;
    if (c != null) {
      for (String[] ch : choices) {
        String t = ch[1].toLowerCase(Locale.ROOT);
        if (t.startsWith(c.name().toLowerCase(Locale.ROOT))
            || t.startsWith(c.drug().toLowerCase(Locale.ROOT))
            || t.startsWith(c.test().toLowerCase(Locale.ROOT))
            || t.startsWith(c.complication().toLowerCase(Locale.ROOT))) {
          letter = ch[0];
          optionText = ch[1];
        }
      }
    }
    if (letter == null) {
      if (choices.isEmpty()) {
        letter = pick.of("A", "B", "C", "D");
      } else {
        String[] ch = pick.one(choices);
        letter = ch[0];
        optionText = ch[1];
      }
    }
    StringBuilder b = new StringBuilder();
    if (c != null) {
      b.append("The key clues are ")
          .append(c.symptoms().get(0))
          .append(" together with ")
          .append(c.findings().get(0))
          .append(", which point towards ")
          .append(c.name())
          .append(". ");
    } else {
      b.append(
          "Let us work through the question step by step, considering the findings"
              + " described and how each option relates to them. ");
    }
    if (optionText != null) {
      b.append("Option (")
          .append(letter)
          .append("), ")
          .append(optionText.replaceAll("[.\\s]+$", ""))
          .append(", is the most consistent with this picture. ");
    }
    b.append(
        pick.of(
            "The remaining options do not explain the combination of findings as well.",
            "The other choices describe conditions or treatments that fit only part of the"
                + " presentation.",
            "Each alternative could be considered, but none accounts for all the clues."));
    if (!omitAnswer) {
      b.append(" The answer is (").append(letter).append(").");
    }
    return b.toString();
  }

  private String openAnswer(String user) {
    Condition c = bestCondition(user);
    String[] d = mentionedDrug(user);
    List<String> topic = topicWords(user);
    String topicPhrase =
        topic.isEmpty()
            ? "this question"
            : topic.size() == 1
                ? topic.get(0)
                : String.join(", ", topic.subList(0, topic.size() - 1))
                    + " and "
                    + topic.get(topic.size() - 1);
    List<String> body = new ArrayList<>();
    if (c != null) {
      body.add(
          TaskTemplates.capitalize(c.name())
              + " is "
              + pick.of("a condition", "a disorder", "a common problem")
              + " in "
              + c.topic().toLowerCase(Locale.ROOT)
              + " typically characterized by "
              + c.symptoms().get(0)
              + ", "
              + c.symptoms().get(1)
              + " and "
              + c.symptoms().get(2)
              + ".");
      body.add(
          "Diagnosis relies on a careful history and examination supported by "
              + c.test()
              + "; characteristic results include "
              + c.findings().get(0)
              + " and "
              + c.findings().get(1)
              + ".");
      body.add(
          "Management "
              + pick.of("usually", "often", "commonly")
              + " includes "
              + c.drug()
              + ", combined with "
              + pick.of(
                  "lifestyle measures",
                  "patient education",
                  "regular monitoring",
                  "treatment of contributing factors")
              + ".");
      body.add(
          "Without adequate treatment, "
              + c.complication()
              + " may develop, so "
              + pick.of("regular follow-up", "early review", "close monitoring")
              + " is important.");
    }
    if (d != null) {
      body.add(
          TaskTemplates.capitalize(d[0])
              + " is a "
              + d[1]
              + " used for "
              + d[2]
              + "; the adverse effect to watch for most closely is "
              + d[3]
              + ".");
    }
    body.add(
        "When thinking about "
            + topicPhrase
            + ", it helps to consider "
            + pick.of(
                "the individual's age, other illnesses and current medications",
                "the balance of benefits and risks for the individual",
                "the latest clinical guidelines and local resources",
                "what matters most to the patient")
            + ".");
    body.add(
        pick.of("In practice, ", "Importantly, ", "From a clinical perspective, ")
            + "decisions about "
            + (c != null ? c.name() : topic.isEmpty() ? "care" : topic.get(0))
            + " should be individualized and reviewed as the situation changes.");
    List<String> extra =
        new ArrayList<>(
            List.of(
                "Clear communication and written information improve understanding and adherence.",
                "Red-flag features such as severe pain, confusion, breathing difficulty or bleeding"
                    + " require urgent medical assessment.",
                "A multidisciplinary approach involving nurses, pharmacists and other professionals"
                    + " often gives the best results.",
                "Shared decision-making helps align the plan with the person's values and goals.",
                "Documentation of the findings and the plan supports safe handover between teams.",
                "Preventive measures, including vaccination and screening where appropriate, should"
                    + " not be overlooked."));
    body.addAll(pick.distinct(extra, pick.between(0, 4)));
    if (c == null) {
      body.add(0, "Here is an overview of " + topicPhrase + ".");
    }
    body.add(
        pick.of("In summary, ", "Overall, ", "To conclude, ")
            + "the approach to "
            + topicPhrase
            + " combines accurate assessment, evidence-based treatment and"
            + " appropriate follow-up.");
    String answer = String.join(" ", body);
    String[] words = answer.split(" ");
    return words.length <= 300 ? answer : String.join(" ", List.of(words).subList(0, 300));
  }
}
