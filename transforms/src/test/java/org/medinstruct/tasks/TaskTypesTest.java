package org.medinstruct.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TaskTypesTest {
  @Test
  void givenLabelVariants_returnsOneCanonicalLabel() {
    for (String s :
        new String[] {
          "Multiple choice Q&A", "Multiple-choice Q&A", "MCQ", "multiple-choice  q & a"
        }) {
      assertEquals(TaskTypes.MULTIPLE_CHOICE, TaskTypes.canonical(s), s);
    }
    assertEquals(TaskTypes.USMLE, TaskTypes.canonical("USMLE Style Q&A"));
    assertEquals(TaskTypes.REWRITE, TaskTypes.canonical("Rewrites"));
    assertEquals(TaskTypes.MULTI_HOP, TaskTypes.canonical("Multiple-Hop Reasoning"));
    assertEquals(TaskTypes.SINGLE_HOP, TaskTypes.canonical("Single Hop Reasoning"));
    assertEquals(TaskTypes.TEXT_GENERATION, TaskTypes.canonical("Text Generation"));
    assertEquals(TaskTypes.OPEN_QA, TaskTypes.canonical("Open-ended Q&A"));
  }

  @Test
  void givenUnknownLabel_returnsItStripped() {
    assertEquals("Poetry", TaskTypes.canonical("  Poetry "));
  }
}
