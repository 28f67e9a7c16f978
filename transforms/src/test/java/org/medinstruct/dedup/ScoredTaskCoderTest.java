package org.medinstruct.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;
import org.medinstruct.model.MedTask;

class ScoredTaskCoderTest {
  @Test
  void roundTripsKeptDroppedAndSeedTasksWithUnicodeAndNulls() throws Exception {
    MedTask generated =
        new MedTask(
            "t1",
            "Open Q&A",
            "Cardiology",
            "Nurse",
            "3",
            "Explain \u0130 and \u212A \u00e9 \ud83d\ude00",
            MedTask.NO_INPUT,
            2,
            123456789012L,
            7,
            List.of("s1", "s2"));
    MedTask seed = MedTask.seed("s1", new MedTask.Labels(null, "T", "S", "1"), "", null);
    for (ScoredTask s :
        Arrays.asList(
            new ScoredTask(generated, null, Double.NaN, "seed text", 0.42, null),
            new ScoredTask(
                generated, "near", 0.7000000000000001, null, Double.NaN, ScoredTask.DUPLICATE),
            new ScoredTask(seed, "eval", 1.0, null, Double.NaN, ScoredTask.DECONTAMINATED))) {
      ScoredTask back =
          CoderUtils.decodeFromByteArray(
              ScoredTaskCoder.of(), CoderUtils.encodeToByteArray(ScoredTaskCoder.of(), s));
      assertEquals(s, back);
    }
  }

  @Test
  void encodesEqualTasksToEqualBytes_soItIsDeterministic() throws Exception {
    MedTask a = new MedTask("t1", "x", "y", "z", "1", "same", "<noinput>", 1, 2, 3, List.of());
    MedTask b = new MedTask("t1", "x", "y", "z", "1", "same", "<noinput>", 1, 2, 3, List.of());
    ScoredTask sa = new ScoredTask(a, null, Double.NaN, null, Double.NaN, null);
    ScoredTask sb = new ScoredTask(b, null, Double.NaN, null, Double.NaN, null);
    assertEquals(
        Arrays.toString(CoderUtils.encodeToByteArray(ScoredTaskCoder.of(), sa)),
        Arrays.toString(CoderUtils.encodeToByteArray(ScoredTaskCoder.of(), sb)));
  }
}
