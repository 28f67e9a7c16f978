package org.medinstruct.pipeline;

import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medinstruct.model.Failure;
import org.medinstruct.model.FailureCoder;
import org.medinstruct.model.FailureKind;
import org.medinstruct.model.Rejection;
import org.medinstruct.model.RejectionCoder;

@ExtendWith(TestPipelineExtension.class)
class GatherDeadLettersTest {
  private static PCollection<Rejection> rejections(TestPipeline p, String name, Rejection... r) {
    return p.apply(name, Create.of(java.util.List.of(r)).withCoder(RejectionCoder.of()));
  }

  private static PCollection<Failure> failures(TestPipeline p, String name, Failure... f) {
    return p.apply(name, Create.of(java.util.List.of(f)).withCoder(FailureCoder.of()));
  }

  @Test
  void givenTwoStagesAndMalformedRecords_writesOneLinePerRejectionAndFailureInTheFileLayout(
      TestPipeline p) {
    DeadLetters letters =
        DeadLetters.of(
                rejections(
                    p,
                    "FilterRejections",
                    new Rejection("filter", "instruction_too_short", "3 words", "{\"id\":\"a\"}"),
                    // Malformed: the rejected element was lost.
                    new Rejection("parse", "unparseable", null, null)),
                failures(
                    p,
                    "InstructionFailures",
                    new Failure(
                        "instructions",
                        "{\"request_index\":7}",
                        "HTTP 500",
                        true,
                        500,
                        4,
                        FailureKind.SERVER_ERROR)))
            .and(
                org.medinstruct.model.StageOutput.of(
                    new org.apache.beam.sdk.values.TupleTag<String>("answers") {},
                    p.apply(
                        "NoAnswers", Create.empty(org.apache.beam.sdk.coders.StringUtf8Coder.of())),
                    rejections(p, "NoResponseRejections"),
                    failures(
                        p,
                        "ResponseFailures",
                        // Malformed: no kind and no element.
                        new Failure("responses", null, "boom", false, 0, 0, null))));

    PAssert.that(letters.apply("DeadLetters", new GatherDeadLetters()))
        .containsInAnyOrder(
            new OutputRecord(
                OutputRecord.REJECTED,
                "filter|{\"id\":\"a\"}",
                "{\"stage\":\"filter\",\"reason\":\"instruction_too_short\",\"detail\":\"3 words\","
                    + "\"record\":{\"id\":\"a\"}}"),
            new OutputRecord(
                OutputRecord.REJECTED,
                "parse|null",
                "{\"stage\":\"parse\",\"reason\":\"unparseable\",\"detail\":null,\"record\":null}"),
            new OutputRecord(
                OutputRecord.FAILED,
                "instructions|{\"request_index\":7}",
                "{\"stage\":\"instructions\",\"error\":\"HTTP 500\",\"status\":500,"
                    + "\"retryable\":true,\"attempts\":4,\"kind\":\"server_error\","
                    + "\"record\":{\"request_index\":7}}"),
            new OutputRecord(
                OutputRecord.FAILED,
                "responses|null",
                "{\"stage\":\"responses\",\"error\":\"boom\",\"status\":0,\"retryable\":false,"
                    + "\"attempts\":0,\"kind\":\"other\",\"record\":null}"));
    p.run().waitUntilFinish();
  }
}
