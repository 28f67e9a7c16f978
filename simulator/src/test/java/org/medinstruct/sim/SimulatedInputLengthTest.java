package org.medinstruct.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.medinstruct.model.UserInputException;

/** {@code --inputWords=MIN-MAX}: simulated task inputs spread over a realistic length range. */
class SimulatedInputLengthTest {
  private static final Pattern CHOICES = Pattern.compile("(^|\\s)\\(?A\\)[\\s\\S]*\\(?B\\)");

  @Test
  void givenInputWords20To300_inputsSpreadOverTheWholeRangeAndKeepTheirChoices() throws Exception {
    SimConfig config =
        SimConfig.defaults().withDefectRate(0).withInputWords(new SimConfig.InputWords(20, 300));
    List<Integer> lengths = new ArrayList<>();
    int withChoices = 0;
    try (SimulatedLlmServer s = SimulatedLlmServer.start(config)) {
      for (int req = 0; req < 20; req++) {
        String prompt = SimPrompts.prompt(SimPrompts.seedInstructions(), new SplittableRandom(req));
        String c =
            SimHttp.content(
                SimHttp.post(s.baseUrl(), SimHttp.body(null, prompt, List.of("16. Type:"), 3072)));
        List<TaskSplitter.Parsed> tasks = TaskSplitter.split(4, c);
        if (!c.strip().endsWith("###") && !tasks.isEmpty()) {
          // Cut by max_tokens: the last task is incomplete (the pipeline's parser drops it too).
          tasks = tasks.subList(0, tasks.size() - 1);
        }
        for (TaskSplitter.Parsed t : tasks) {
          if (t.input().equals("<noinput>")) {
            continue;
          }
          if (CHOICES.matcher(t.input()).find()) {
            withChoices++;
            continue;
          }
          lengths.add(ClinicalText.words(t.input()));
        }
      }
    }
    assertTrue(lengths.size() > 50, "inputs seen: " + lengths.size());
    assertTrue(withChoices > 0, "multiple-choice inputs keep their choices");
    for (int n : lengths) {
      assertTrue(n >= 20 && n <= 300, n + " words");
    }
    assertTrue(lengths.stream().anyMatch(n -> n < 50), "some inputs under 50 words: " + lengths);
    assertTrue(lengths.stream().anyMatch(n -> n > 200), "some inputs over 200 words: " + lengths);
  }

  @Test
  void givenNoInputWords_inputsKeepTheirNaturalLength() {
    assertEquals(null, SimConfig.defaults().inputWords());
  }

  @Test
  void simulateLlmOption_parsesTheRangeAndRejectsBadOnes() {
    assertEquals(
        new SimConfig.InputWords(20, 300),
        SimulatorMain.parse(new String[] {"--inputWords=20-300"}).inputWords());
    assertThrows(
        UserInputException.class, () -> SimulatorMain.parse(new String[] {"--inputWords=300-20"}));
    assertThrows(
        UserInputException.class, () -> SimulatorMain.parse(new String[] {"--inputWords=20"}));
  }
}
