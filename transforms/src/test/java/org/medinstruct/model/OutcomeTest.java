package org.medinstruct.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.jupiter.api.Test;

class OutcomeTest {
  private static final Rejection REJECTION =
      new Rejection("filter", "instruction_too_short", "3 words", "{\"id\":\"t1\"}");
  private static final Failure FAILURE =
      new Failure(
          "responses", "{\"id\":\"t2\"}", "HTTP 500", true, 500, 4, FailureKind.SERVER_ERROR);

  @Test
  void givenEachKind_roundTripsThroughItsCoderAndEncodesEqualValuesEqually() throws Exception {
    OutcomeCoder<String> coder = OutcomeCoder.of(StringUtf8Coder.of());
    for (Outcome<String> o :
        java.util.List.of(
            Outcome.value("task"),
            Outcome.<String>rejected(REJECTION),
            Outcome.<String>failed(FAILURE),
            // Malformed payloads still round-trip: null fields of the records and kinds.
            Outcome.<String>rejected(new Rejection(null, null, null, null)),
            Outcome.<String>failed(new Failure(null, null, null, false, 0, 0, null)))) {
      CoderProperties.coderDecodeEncodeEqual(coder, o);
      CoderProperties.coderDeterministic(coder, o, o);
    }
    coder.verifyDeterministic();
  }

  @Test
  void givenAValueTypeWithACoder_theRegistryFindsTheCompactCoder() throws Exception {
    Coder<Outcome<MedTask>> coder =
        CoderRegistry.createDefault().getCoder(new TypeDescriptor<Outcome<MedTask>>() {});
    assertEquals(OutcomeCoder.of(MedTaskCoder.of()), coder);
    MedTask task =
        MedTask.seed(
            "s1", new MedTask.Labels("Open Q&A", "t", "v", "1"), "Explain sepsis.", "<noinput>");
    assertEquals(
        Outcome.value(task),
        CoderUtils.decodeFromByteArray(
            coder, CoderUtils.encodeToByteArray(coder, Outcome.value(task))));
  }

  @Test
  void givenANonDeterministicValueCoder_isNotDeterministic() {
    OutcomeCoder<java.util.ArrayList> coder =
        OutcomeCoder.of(SerializableCoder.of(java.util.ArrayList.class));
    assertThrows(Coder.NonDeterministicException.class, coder::verifyDeterministic);
  }

  @Test
  void givenPayloadsThatContradictTheKind_refusesToBuildTheOutcome() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Outcome<>(Outcome.Kind.VALUE, "x", REJECTION, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Outcome<>(Outcome.Kind.FAILED, null, REJECTION, null));
    assertThrows(NullPointerException.class, () -> Outcome.rejected(null));
  }

  @Test
  void givenTheSameOutcomes_encodeToTheSameBytes() throws Exception {
    OutcomeCoder<String> coder = OutcomeCoder.of(StringUtf8Coder.of());
    assertArrayEquals(
        CoderUtils.encodeToByteArray(coder, Outcome.failed(FAILURE)),
        CoderUtils.encodeToByteArray(
            coder,
            Outcome.failed(
                new Failure(
                    "responses",
                    "{\"id\":\"t2\"}",
                    "HTTP 500",
                    true,
                    500,
                    4,
                    FailureKind.SERVER_ERROR))));
  }
}
