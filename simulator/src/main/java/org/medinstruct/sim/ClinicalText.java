package org.medinstruct.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the realistic task inputs (vignettes, patient messages, notes, abstracts, question stems
 * with choices) that a real instruction model puts in the "Input:" field: 50-200 words each. The
 * phrases it draws from are data: the resource {@code clinical_text.json}.
 */
final class ClinicalText {
  /** The word lists, from the resource {@code clinical_text.json}, in file order. */
  static final Map<String, List<String>> WORDS = wordLists();

  private final Pick pick;

  ClinicalText(Pick pick) {
    this.pick = pick;
  }

  private static Map<String, List<String>> wordLists() {
    Map<String, List<String>> lists = new HashMap<>();
    SimData.load("clinical_text.json")
        .entrySet()
        .forEach(e -> lists.put(e.getKey(), SimData.strings(e.getValue().getAsJsonArray())));
    return Map.copyOf(lists);
  }

  /** Age and sex consistent with the condition's specialty. */
  record Patient(int age, String noun, String pronoun, String possessive) {
    String describe() {
      return age + "-year-old " + noun;
    }
  }

  Patient patientFor(Condition c) {
    boolean female;
    int age;
    switch (c.topic()) {
      case "Obstetrics", "Gynecology" -> {
        female = true;
        age = pick.between(19, 41);
      }
      case "Pediatrics" -> {
        female = pick.chance(0.5);
        age = pick.between(1, 11);
      }
      default -> {
        female = pick.chance(0.5);
        age = c.name().contains("prostat") ? pick.between(52, 84) : pick.between(18, 88);
      }
    }
    if (c.name().contains("breast") || c.name().contains("ovary")) {
      female = true;
    }
    if (c.name().contains("prostat")) {
      female = false;
    }
    String noun = age < 13 ? (female ? "girl" : "boy") : (female ? "woman" : "man");
    return new Patient(age, noun, female ? "She" : "He", female ? "Her" : "His");
  }

  String duration() {
    int n = pick.between(2, 9);
    return n + "-" + pick.of("day", "week", "month");
  }

  private String vitals(Condition c) {
    double temp = 36.5 + pick.between(0, 25) / 10.0;
    return String.format(
        "Temperature is %.1f°C, blood pressure is %d/%d mm Hg, pulse is %d/min, respiratory rate"
            + " is %d/min, and oxygen saturation is %d%% on room air.",
        temp,
        pick.between(96, 168),
        pick.between(54, 102),
        pick.between(58, 124),
        pick.between(12, 28),
        pick.between(88, 99));
  }

  private String history(Patient p, Condition c) {
    Condition other = pick.conditionOtherThan(c);
    if (p.age() < 13) {
      return p.possessive()
          + " immunizations are up to date and "
          + p.pronoun().toLowerCase()
          + " has been growing along the "
          + pick.between(10, 90)
          + "th percentile.";
    }
    return p.possessive()
        + " past medical history is significant for "
        + other.name()
        + ", for which "
        + p.pronoun().toLowerCase()
        + " takes "
        + other.drug()
        + ". "
        + p.pronoun()
        + " "
        + pick.one(WORDS.get("habits"))
        + ".";
  }

  /** A third-person clinical vignette, 70-120 words. */
  String vignette(Condition c, Patient p) {
    List<String> s = c.symptoms();
    return "A "
        + p.describe()
        + " presents "
        + pick.one(WORDS.get("presentationPlaces"))
        + " with a "
        + duration()
        + " history of "
        + s.get(0)
        + ", "
        + s.get(1)
        + ", and "
        + s.get(2)
        + ". "
        + history(p, c)
        + " "
        + vitals(c)
        + " Examination shows "
        + c.findings().get(0)
        + ". "
        + pick.one(WORDS.get("labIntros"))
        + c.findings().get(1)
        + "."
        + extraHistory(p);
  }

  /** Sometimes a longer history, so that input lengths differ notably between tasks. */
  private String extraHistory(Patient p) {
    if (!pick.chance(0.4)) {
      return "";
    }
    String they = p.pronoun().toLowerCase();
    return " Family history is notable for "
        + pick.condition().name()
        + " in "
        + p.possessive().toLowerCase()
        + " "
        + pick.one(MedVocab.RELATIVES)
        + ". "
        + p.pronoun()
        + " "
        + pick.one(WORDS.get("extraComplaints"))
        + ", and "
        + they
        + " is worried about what the findings mean. A review of systems is"
        + " otherwise unremarkable, and "
        + they
        + " has no known drug allergies. "
        + pick.one(WORDS.get("historyNotes"));
  }

  /** A first-person patient message, 50-110 words. */
  String patientMessage(Condition c, Patient p) {
    List<String> s = c.symptoms();
    Condition other = pick.conditionOtherThan(c);
    return pick.one(WORDS.get("messageOpenings"))
        + "I'm a "
        + p.age()
        + "-year-old "
        + p.noun()
        + " and for the past "
        + pick.between(2, 9)
        + " "
        + pick.of("days", "weeks", "months")
        + " I've been dealing with "
        + s.get(0)
        + " and "
        + s.get(1)
        + ". "
        + pick.one(WORDS.get("symptomCourses"))
        + ", and lately I have also noticed "
        + s.get(2)
        + ". I already take "
        + other.drug()
        + " for "
        + other.name()
        + ". My "
        + pick.one(MedVocab.RELATIVES)
        + " thinks it might be "
        + c.name()
        + ". "
        + pick.one(WORDS.get("messageQuestions"))
        + " I would really appreciate an honest answer because I am quite anxious about it.";
  }

  /** A SOAP-style clinical note, 60-110 words. */
  String clinicalNote(Condition c, Patient p) {
    List<String> s = c.symptoms();
    return "S: "
        + p.describe()
        + " reports "
        + s.get(0)
        + " and "
        + s.get(1)
        + " for "
        + pick.between(2, 8)
        + " weeks, with intermittent "
        + s.get(2)
        + ". Denies chest pain at"
        + " rest, fever, or recent travel. O: "
        + vitals(c)
        + " "
        + c.findings().get(0)
        + "; "
        + c.findings().get(1)
        + ". A: Findings consistent with "
        + c.name()
        + pick.one(WORDS.get("noteSeverities"))
        + " P: Start "
        + c.drug()
        + ", arrange "
        + c.test()
        + ", counsel on "
        + pick.one(MedVocab.ASPECTS)
        + ", and review in "
        + pick.between(1, 6)
        + " weeks.";
  }

  /** A radiology or investigation report, 50-90 words. */
  String report(Condition c, Patient p) {
    return "Report: "
        + c.test()
        + " performed for a "
        + p.describe()
        + " with "
        + c.symptoms().get(0)
        + ". Clinical indication: "
        + c.symptoms().get(1)
        + " and "
        + c.symptoms().get(2)
        + " for "
        + pick.between(2, 9)
        + " "
        + pick.of("days", "weeks")
        + "; please assess for "
        + c.complication()
        + ". Findings: "
        + c.findings().get(0)
        + ". "
        + pick.one(WORDS.get("reportRemarks"))
        + " Additional results: "
        + c.findings().get(1)
        + ". Impression: appearances are most"
        + " consistent with "
        + c.name()
        + "; clinical correlation and follow-up with "
        + pick.one(WORDS.get("followUps"))
        + " recommended.";
  }

  /** A multiple-choice stem (with a short clinical context) and its options. */
  record Question(String stem, List<String> options) {}

  Question question(Condition c, Patient p, boolean longVignette) {
    String context =
        longVignette
            ? vignette(c, p)
            : "A "
                + p.describe()
                + " "
                + pick.one(WORDS.get("presentVerbs"))
                + " a "
                + duration()
                + " history of "
                + c.symptoms().get(0)
                + " and "
                + c.symptoms().get(1)
                + ". "
                + history(p, c)
                + " Examination shows "
                + c.findings().get(0)
                + ", and "
                + c.findings().get(1)
                + " is noted.";
    List<Condition> distractors = new ArrayList<>();
    while (distractors.size() < 3) {
      Condition d = pick.conditionOtherThan(c);
      if (!distractors.contains(d)) {
        distractors.add(d);
      }
    }
    int kind = pick.between(0, 3);
    String q;
    List<String> options = new ArrayList<>();
    switch (kind) {
      case 0 -> {
        q = "Which of the following is the most likely diagnosis?";
        options.add(c.name());
        distractors.forEach(d -> options.add(d.name()));
      }
      case 1 -> {
        q = "Which of the following is the most appropriate treatment?";
        options.add(c.drug());
        distractors.forEach(d -> options.add(d.drug()));
      }
      case 2 -> {
        q = "Which of the following investigations would best confirm the diagnosis?";
        options.add(c.test());
        distractors.forEach(d -> options.add(d.test()));
      }
      default -> {
        q =
            "If untreated, which of the following complications is this patient at greatest"
                + " risk of?";
        options.add(c.complication());
        distractors.forEach(d -> options.add(d.complication()));
      }
    }
    return new Question(context + " " + q, pick.distinct(options, options.size()));
  }

  /** "A) x B) y ..." on one line or one per line, as real model output varies. */
  String choices(List<String> options) {
    boolean lines = pick.chance(0.5);
    boolean parens = pick.chance(0.2);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < options.size(); i++) {
      char letter = (char) ('A' + i);
      b.append(lines ? "\n" : " ")
          .append(parens ? "(" + letter + ")" : letter + ")")
          .append(' ')
          .append(options.get(i));
    }
    return b.toString();
  }

  static int words(String text) {
    String t = text.trim();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }
}
