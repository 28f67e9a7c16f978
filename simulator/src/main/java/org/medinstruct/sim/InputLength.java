package org.medinstruct.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts or extends a task input to a length drawn from {@link SimConfig.InputWords}, so that a
 * simulated run can carry inputs of realistic, widely spread length (real models write 20-300 words
 * although the prompt asks for 50-200). Inputs with answer choices are left whole (cutting would
 * remove the choices); "&lt;noinput&gt;" stays as it is.
 */
final class InputLength {
  private static final List<String> MORE =
      List.of(
          "The symptoms have been gradually worsening over the past few weeks.",
          "There is no history of recent travel, trauma or sick contacts.",
          "Current medications include a daily multivitamin and occasional paracetamol.",
          "The patient lives with family and is independent in daily activities.",
          "A previous episode two years ago resolved without treatment.",
          "Vital signs were repeated after one hour and were unchanged.",
          "The family is concerned and asks what the next steps should be.",
          "Sleep and appetite have been reduced, and weight is down by two kilograms.",
          "The review of systems is otherwise unremarkable.",
          "Allergies: none known. Immunizations are reported to be up to date.",
          "The referring clinician requests advice on further investigation and management.",
          "Follow-up is planned in the outpatient clinic within two weeks.");

  private InputLength() {}

  static String resize(String input, SimConfig.InputWords range, Pick pick) {
    if (range == null || input.equals(TaskTemplates.NO_INPUT) || hasChoices(input)) {
      return input;
    }
    int target = pick.between(range.min(), range.max());
    List<String> words = new ArrayList<>(List.of(input.strip().split("\\s+")));
    while (words.size() < target) {
      words.addAll(List.of(pick.one(MORE).split(" ")));
    }
    if (words.size() == target) {
      return String.join(" ", words);
    }
    String cut = String.join(" ", words.subList(0, target)).replaceAll("[,;:]$", "");
    return cut.matches(".*[.?!]$") ? cut : cut + ".";
  }

  private static boolean hasChoices(String input) {
    return input.matches("(?s).*(^|\\s)\\(?[A-E]\\)\\s.*");
  }
}
