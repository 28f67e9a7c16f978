package org.medinstruct.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medinstruct.model.MedTask;

/** Reading structured (JSON) tasks: no text parsing, and every loss is a named rejection. */
class StructuredTasksTest {
  @Test
  void givenWellFormedAnswer_readsEveryTaskInOrderWithTheTextParsersCleaning() {
    TaskParser.ParseResult r =
        StructuredTasks.parse(
            "{\"tasks\":[{\"instruction\":\"Explain "
                + " asthma.\",\"input\":\"\\\"<noinput>\\\"\",\"type\":\"open-ended qa\","
                + "\"topic\":\"Asthma\",\"view\":\"patient\",\"difficulty\":2},{\"instruction\":\"Summarize"
                + " the note.\",\"input\":\"A 50-year-old man.\",\"type\":\"Summarization\","
                + "\"topic\":\"Sepsis\",\"view\":\"physician\",\"difficulty\":\"4\"}]}",
            "stop");
    assertEquals(2, r.tasks().size());
    assertTrue(r.rejected().isEmpty());
    MedTask first = r.tasks().get(0);
    assertEquals(MedTask.NO_INPUT, first.input());
    assertEquals("2", first.difficulty());
    assertEquals(0, first.position());
    assertEquals(1, r.tasks().get(1).position());
    assertEquals("4", r.tasks().get(1).difficulty());
  }

  @Test
  void givenEntriesThatAreNotTasks_rejectsEachAsMalformedEntryAndKeepsTheOthers() {
    TaskParser.ParseResult r =
        StructuredTasks.parse(
            "{\"tasks\":[\"just text\",{\"input\":\"x\"},{\"instruction\":\"List the signs of"
                + " sepsis.\",\"input\":\"\",\"type\":\"Chat\",\"topic\":\"Sepsis\","
                + "\"view\":\"nurse\",\"difficulty\":3}]}",
            "stop");
    assertEquals(1, r.tasks().size());
    assertEquals(MedTask.NO_INPUT, r.tasks().get(0).input());
    assertEquals(2, r.rejected().size());
    assertTrue(r.rejected().stream().allMatch(u -> u.reason().equals("malformed_entry")));
  }

  @Test
  void givenAnswerCutAtMaxTokensOrNotJson_rejectsTheWholeAnswerWithItsText() {
    String cut = "{\"tasks\":[{\"instruction\":\"Explain";
    TaskParser.ParseResult truncated = StructuredTasks.parse(cut, "length");
    assertEquals("truncated_json", truncated.rejected().get(0).reason());
    assertEquals(cut, truncated.rejected().get(0).text());
    assertEquals(0, truncated.tasks().size());
    assertEquals(
        "malformed_json",
        StructuredTasks.parse("{\"items\":[]}", "stop").rejected().get(0).reason());
    assertEquals(
        "malformed_json", StructuredTasks.parse("{not json", "stop").rejected().get(0).reason());
    assertFalse(StructuredTasks.looksStructured(" Chat\nTopic: Asthma"));
    assertTrue(StructuredTasks.looksStructured("\n{\"tasks\":[]}"));
  }
}
