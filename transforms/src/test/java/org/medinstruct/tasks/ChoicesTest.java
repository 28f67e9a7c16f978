package org.medinstruct.tasks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChoicesTest {
  @Test
  void acceptsTheWaysCliniciansWriteChoices() {
    List<String> inputs =
        List.of(
            "Which chamber? A) Right atrium B) Left atrium",
            "Which chamber? A. Right atrium B. Left atrium",
            "Which chamber? (A) Right atrium (B) Left atrium",
            "Which chamber?\na) Right atrium\nb) Left atrium",
            "Which chamber? 1) Right atrium 2) Left atrium",
            "Which chamber? (1) Right atrium (2) Left atrium",
            "Which chamber?\n1. Right atrium\n2. Left atrium\n3. Right ventricle",
            "Which chamber?\nRight atrium\nLeft atrium\nRight ventricle",
            "Which chamber receives pulmonary venous blood:\nRight atrium\nLeft atrium",
            "Pick the chamber.\n- Right atrium\n- Left atrium",
            "Pick the chamber.\n• Right atrium\n• Left atrium",
            "Options: right atrium, left atrium, right ventricle",
            "Choices: Diabetes, Thyroid disorder, Celiac disease / Symptom: I am always tired and"
                + " thirsty.",
            "Answer choices: aspirin; heparin; alteplase",
            "Which drug? Options: metformin or insulin",
            "\"A) Arm B) Foot C) Skull D) Leg");
    for (String in : inputs) {
      assertTrue(Choices.present(in), in);
    }
  }

  @Test
  void rejectsInputsWithoutChoices() {
    List<String> inputs =
        List.of(
            "Which chamber receives pulmonary venous blood?",
            "Deficiency of vitamin A. Also hepatitis B surface antigen was positive.",
            "A) only one choice",
            "HbA1c 8.1%, BP 150/90 at 8 A.M., 1.5 mg daily, 2.5 mg at night.",
            "Options: none",
            "A 45-year-old man presents with chest pain radiating to the left arm.\n"
                + "He is diaphoretic.");
    for (String in : inputs) {
      assertFalse(Choices.present(in), in);
    }
  }
}
