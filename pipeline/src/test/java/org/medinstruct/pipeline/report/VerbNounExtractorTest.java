package org.medinstruct.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerbNounExtractorTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Explain the pathophysiology of asthma.|explain|pathophysiology",
        "Write a short description of your symptoms.|write|description",
        "Identify which organ is responsible for producing insulin.|identify|organ",
        "Classify the given patient's symptoms into possible diseases.|classify|symptoms",
        "Summarize the following discharge note.|summarize|note",
        "Provide a brief explanation of ARDS and its common causes.|provide|explanation",
        "Rewrite the provided explanation in layman terms. Keep it short.|rewrite|explanation",
      })
  void findsRootVerbAndItsNounObject(String sentence, String verb, String noun) {
    VerbNounExtractor.VerbNoun vn = VerbNounExtractor.get().extract(sentence);
    assertEquals(verb, vn.verb());
    assertEquals(noun, vn.noun());
  }

  @Test
  void givenQuestionWithoutMainVerb_doesNotFitThePattern() {
    VerbNounExtractor.VerbNoun vn =
        VerbNounExtractor.get().extract("What are the common symptoms of influenza?");
    assertNull(vn == null ? null : vn.noun());
  }

  @Test
  void givenBlankInstruction_returnsNull() {
    assertNull(VerbNounExtractor.get().extract("  "));
  }
}
