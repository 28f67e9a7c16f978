package org.medinstruct.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Task inputs about a condition rather than one patient: a research abstract, a medication list and
 * true/false statements (50-130 words). Phrases from {@link ClinicalText#WORDS}.
 */
final class ReferenceText {
  private final Pick pick;

  ReferenceText(Pick pick) {
    this.pick = pick;
  }

  /** A structured research abstract, 80-130 words. */
  String abstractText(Condition c) {
    int n = pick.between(80, 2400);
    int pct = pick.between(12, 45);
    return "Background: Optimal management of "
        + c.name()
        + " in "
        + pick.one(MedVocab.POPULATIONS)
        + " remains uncertain. Methods: We conducted a "
        + pick.one(ClinicalText.WORDS.get("studyDesigns"))
        + " of "
        + n
        + " participants assigned to "
        + c.drug()
        + " or usual care and followed for "
        + pick.between(6, 36)
        + " months. The primary outcome was "
        + c.complication()
        + ". Results: The primary outcome occurred less often with "
        + c.drug()
        + " (relative"
        + " risk reduction "
        + pct
        + "%; 95% CI "
        + (pct - 9)
        + " to "
        + (pct + 8)
        + "). Serious"
        + " adverse events were similar between groups. Conclusions: In this population, "
        + c.drug()
        + " reduced "
        + c.complication()
        + ", although longer follow-up is needed.";
  }

  /** A medication list for classification tasks, 50-90 words. */
  String medicationList() {
    List<String[]> drugs = pick.distinct(MedVocab.DRUGS, pick.between(6, 8));
    StringBuilder b =
        new StringBuilder(
            "Medication reconciliation for a patient admitted with "
                + pick.condition().name()
                + ". Current medications on admission: ");
    for (int i = 0; i < drugs.size(); i++) {
      b.append(i + 1)
          .append(". ")
          .append(drugs.get(i)[0])
          .append(", ")
          .append(pick.one(ClinicalText.WORDS.get("dosingSchedules")))
          .append(", prescribed for ")
          .append(drugs.get(i)[2])
          .append("; ");
    }
    return b.append("no known drug allergies.").toString();
  }

  /** Five true/false statements about a condition, 60-100 words. */
  String statements(Condition c) {
    Condition other = pick.conditionOtherThan(c);
    List<String> items =
        new ArrayList<>(
            List.of(
                c.name() + " commonly presents with " + c.symptoms().get(0) + ".",
                c.drug() + " is a recognized treatment for " + c.name() + ".",
                other.test() + " is the key test to confirm " + c.name() + ".",
                c.complication() + " is a possible complication of untreated " + c.name() + ".",
                "Typical findings include " + other.findings().get(0) + ".",
                other.drug() + " is the usual first-line therapy for " + c.name() + " in adults."));
    StringBuilder b =
        new StringBuilder(pick.one(ClinicalText.WORDS.get("statementSources")) + c.name() + ": ");
    int i = 1;
    for (String s : pick.distinct(items, items.size())) {
      b.append(i++)
          .append(". ")
          .append(Character.toUpperCase(s.charAt(0)))
          .append(s.substring(1))
          .append(' ');
    }
    return b.toString().trim();
  }
}
