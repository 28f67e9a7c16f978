package org.medinstruct.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.jupiter.api.Test;
import org.medinstruct.dedup.ScoredTask;
import org.medinstruct.dedup.ScoredTaskCoder;
import org.medinstruct.llm.ChatRequest;
import org.medinstruct.llm.ChatRequestCoder;
import org.medinstruct.llm.ChatResponse;
import org.medinstruct.llm.ChatResponseCoder;
import org.medinstruct.llm.LlmFailure;
import org.medinstruct.llm.LlmFailureCoder;
import org.medinstruct.stages.Example;
import org.medinstruct.stages.ExampleCoder;
import org.medinstruct.stages.GenerationRequest;
import org.medinstruct.stages.GenerationRequestCoder;
import org.medinstruct.stages.Usage;
import org.medinstruct.stages.UsageCoder;

/**
 * Every record coder of the transforms module: decode(encode(x)) equals x (nulls where the record
 * allows them, empty strings, non-ASCII text, extreme numbers), equal values encode to equal bytes,
 * the coder is serializable, and Beam's registry picks it for the type (through @DefaultCoder), so
 * no PCollection of it falls back to Java serialization.
 */
class RecordCodersTest {
  /**
   * Text that UTF-8 must carry intact: accents, Turkish dotted I, Kelvin sign, CJK, an emoji
   * (surrogate pair).
   */
  static final String UNICODE = "Fièvre \u0130 \u212A 発熱 \ud83e\ude7a \u00a0end";

  static MedTask generated() {
    return new MedTask(
        "t-1",
        "Open Q&A",
        "Cardiology",
        "Nurse",
        "3/5",
        UNICODE,
        MedTask.NO_INPUT,
        2,
        123_456_789_012L,
        7,
        List.of("s1", "s2"));
  }

  static MedTask sparse() {
    return new MedTask(null, null, null, null, null, null, null, 0, -1, -1, null);
  }

  static MedTask empty() {
    return new MedTask(
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        Integer.MIN_VALUE,
        Long.MIN_VALUE,
        Integer.MAX_VALUE,
        Arrays.asList("", null, UNICODE));
  }

  @Test
  void medTaskRoundTripsGeneratedSeedSparseAndEmptyTasks() throws Exception {
    check(
        MedTaskCoder.of(),
        MedTask.class,
        RecordCodersTest::generated,
        () ->
            MedTask.seed(
                "s1",
                new MedTask.Labels("Diagnosis", "Renal", "Patient", "1"),
                "Explain CKD.",
                "<noinput>"),
        RecordCodersTest::sparse,
        RecordCodersTest::empty);
  }

  @Test
  void rejectionRoundTripsWithNullsEmptyAndUnicode() throws Exception {
    check(
        RejectionCoder.of(),
        Rejection.class,
        () -> new Rejection("filter", "instruction_too_short", UNICODE, "{\"instruction\":\"x\"}"),
        () -> new Rejection(null, null, null, null),
        () -> new Rejection("", "", "", ""));
  }

  @Test
  void failureRoundTripsEveryKindAndNulls() throws Exception {
    List<Supplier<Failure>> values = new ArrayList<>();
    for (FailureKind k : FailureKind.values()) {
      values.add(() -> new Failure("respond", "{\"id\":\"t\"}", UNICODE, true, 503, 9, k));
    }
    values.add(() -> new Failure(null, null, null, false, -1, Integer.MAX_VALUE, null));
    values.add(() -> new Failure("", "", "", false, 0, 0, FailureKind.OTHER));
    check(FailureCoder.of(), Failure.class, values.toArray(Supplier[]::new));
  }

  @Test
  void failureKindTravelsByName_soAnUnknownNameFailsLoudly() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    CoderFields.str("s", out);
    CoderFields.str("e", out);
    CoderFields.str("err", out);
    CoderFields.bool(true, out);
    CoderFields.i32(500, out);
    CoderFields.i32(1, out);
    CoderFields.str("NO_SUCH_KIND", out);
    assertThrows(
        IllegalArgumentException.class,
        () -> CoderUtils.decodeFromByteArray(FailureCoder.of(), out.toByteArray()));
  }

  @Test
  void chatResponseAndLlmFailureRoundTrip() throws Exception {
    check(
        ChatResponseCoder.of(),
        ChatResponse.class,
        () -> new ChatResponse(UNICODE, "stop", 1234, 567, 2, false),
        () -> new ChatResponse(null, null, 0, 0, 0, true),
        () -> new ChatResponse("", "length", Long.MAX_VALUE, -1, -1, false));
    check(
        LlmFailureCoder.of(),
        LlmFailure.class,
        () -> new LlmFailure(UNICODE, 429, true, 8, FailureKind.RATE_LIMITED),
        () -> new LlmFailure(null, 0, false, 0, null),
        () -> new LlmFailure("", 401, false, 1, FailureKind.KEY_REFUSED));
  }

  @Test
  void chatRequestIsPickedByTheRegistry() throws Exception {
    assertThat(
        registry().getCoder(TypeDescriptor.of(ChatRequest.class)),
        instanceOf(ChatRequestCoder.class));
  }

  @Test
  void exampleRoundTripsPendingAnsweredAndSparse() throws Exception {
    check(
        ExampleCoder.of(),
        Example.class,
        () ->
            Example.pending(
                generated(), "near " + UNICODE, 0.7000000000000001, null, Double.NaN, "gpt-4"),
        () ->
            Example.pending(generated(), null, Double.NaN, "seed", 0.25, null)
                .answered("gpt-4o", UNICODE, "stop", 321, 123),
        () ->
            new Example(
                null,
                null,
                Double.NEGATIVE_INFINITY,
                null,
                Double.POSITIVE_INFINITY,
                null,
                null,
                null,
                null,
                -1,
                Long.MAX_VALUE),
        () -> new Example(empty(), "", -0.0, "", 0.0, "", "", "", "", 0, 0));
  }

  @Test
  void usageAndGenerationRequestRoundTrip() throws Exception {
    check(
        UsageCoder.of(),
        Usage.class,
        () -> new Usage("generate", "gpt-4" + UNICODE, 100, 200, true, 0, 19, "structured", 12),
        () -> new Usage(null, null, 0, 0, false, -1, 0, null, 0),
        () ->
            new Usage(
                "",
                "",
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                false,
                Integer.MAX_VALUE,
                Integer.MIN_VALUE,
                "",
                Integer.MIN_VALUE));
    check(
        GenerationRequestCoder.of(),
        GenerationRequest.class,
        () -> GenerationRequest.planned(0, 1),
        () -> new GenerationRequest(Long.MAX_VALUE, 9, List.of("s1", UNICODE, "")),
        () -> new GenerationRequest(-1, -1, null),
        () -> new GenerationRequest(5, 2, Arrays.asList((String) null)));
  }

  @Test
  void scoredTaskIsPickedByTheRegistry() throws Exception {
    assertThat(
        registry().getCoder(TypeDescriptor.of(ScoredTask.class)),
        instanceOf(ScoredTaskCoder.class));
    check(
        ScoredTaskCoder.of(),
        ScoredTask.class,
        () -> new ScoredTask(generated(), UNICODE, 0.5, null, Double.NaN, ScoredTask.DUPLICATE),
        () -> new ScoredTask(empty(), "", 0.0, "", 1.0, null));
  }

  @Test
  void nullRecordsAreRefusedWithACoderException() {
    for (Coder<?> c :
        List.of(
            MedTaskCoder.of(),
            RejectionCoder.of(),
            FailureCoder.of(),
            ChatResponseCoder.of(),
            LlmFailureCoder.of(),
            ExampleCoder.of(),
            UsageCoder.of(),
            GenerationRequestCoder.of())) {
      @SuppressWarnings("unchecked")
      Coder<Object> any = (Coder<Object>) c;
      assertThrows(
          CoderException.class, () -> CoderUtils.encodeToByteArray(any, null), c.toString());
    }
  }

  private static CoderRegistry registry() {
    return CoderRegistry.createDefault();
  }

  /**
   * Round trip, determinism (two equal values built separately encode alike), serializability and
   * the registry's choice for {@code type}.
   */
  @SafeVarargs
  static <T> void check(Coder<T> coder, Class<T> type, Supplier<T>... values) throws Exception {
    assertThat(type.getSimpleName(), registry().getCoder(TypeDescriptor.of(type)), is(coder));
    CoderProperties.coderSerializable(coder);
    coder.verifyDeterministic();
    for (Supplier<T> v : values) {
      T value = v.get();
      CoderProperties.coderDecodeEncodeEqual(coder, value);
      CoderProperties.coderDeterministic(coder, value, v.get());
      assertThat(CoderUtils.clone(coder, value), is(value));
    }
  }
}
