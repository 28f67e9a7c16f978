package org.medinstruct.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelNormalizerTest {
  @ParameterizedTest(name = "type \"{0}\" -> \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "Text generation|Text Generation",
        "text  Generation |Text Generation",
        "Rewrites|Rewrite",
        "Rewriting|Rewrite",
        "Rewrite Task|Rewrite",
        "Summarizations|Summarization",
        "Classification Task|Classification",
        "Multiple choice Q&A|Multiple-choice Q&A",
        "Multiple-Choice Q&A|Multiple-choice Q&A",
        "USMLE style Q&A|USMLE-style Q&A",
        "USMLE-Style Q&A|USMLE-style Q&A",
        "Open-ended Q&A|Open Q&A",
        "Single-Hop Reasoning|Single-hop Reasoning",
        "Multiple Hop Reasoning|Multi-hop Reasoning",
        "multi-hop reasoning|Multi-hop Reasoning",
        "Case analysis|Case Analysis",
      })
  void taskTypes_foldToOneSpelling(String raw, String expected) {
    assertEquals(expected, LabelNormalizer.taskType(raw));
  }

  @ParameterizedTest(name = "view \"{0}\" -> \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "Medical student|Medical Student",
        "Medical Students|Medical Student",
        "Experts|Expert",
        "Expert View|Expert",
        "Patient's Perspective|Patient",
        "Expert perspective|Expert",
        "Student (Medicine)|Student",
        "Parent of teenager|Parent of Teenager",
        "Diagnosis|Diagnosis",
      })
  void views_foldCaseSuffixesAndPlurals(String raw, String expected) {
    assertEquals(expected, LabelNormalizer.view(raw));
  }

  @ParameterizedTest(name = "topic \"{0}\" -> \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "cardiology|Cardiology",
        "COVID-19 symptoms|COVID-19 Symptoms",
        "Diagnosis of a rare disease|Diagnosis of a Rare Disease",
        "Diagnoses|Diagnoses",
        "HIV treatment|HIV Treatment",
      })
  void topics_foldCaseOnlyAndKeepAcronyms(String raw, String expected) {
    assertEquals(expected, LabelNormalizer.topic(raw));
  }

  @ParameterizedTest
  @CsvSource({"3,3", "'Difficulty: 4',4", "5/5,5"})
  void difficulty_readsTheDigit(String raw, int expected) {
    assertEquals(expected, LabelNormalizer.difficulty(raw));
  }

  @ParameterizedTest
  @CsvSource({"0", "6", "hard", "10", "''"})
  void difficulty_outsideOneToFive_isNull(String raw) {
    assertNull(LabelNormalizer.difficulty(raw));
  }

  @ParameterizedTest
  @CsvSource({"'Covid-19','covid 19'", "'Covid 19','covid 19'", "'  Open_Q&A ','open q&a'"})
  void key_ignoresCaseHyphensAndSpacing(String raw, String key) {
    assertEquals(key, LabelNormalizer.key(raw));
  }
}
