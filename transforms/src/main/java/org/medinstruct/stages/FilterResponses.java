package org.medinstruct.stages;

import java.util.Optional;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.medinstruct.model.Outcome;
import org.medinstruct.model.Records;
import org.medinstruct.model.Rejection;
import org.medinstruct.model.StageOutput;
import org.medinstruct.tasks.QualityIssue;
import org.medinstruct.tasks.ResponseFilter;

/**
 * Applies the answer filters (empty, truncated, refusal, multiple-choice answer without "The answer
 * is"). Input: answered examples. Output: accepted examples. Rejected: the rest, with the reason
 * and the answer. No failures.
 */
public final class FilterResponses extends PTransform<PCollection<Example>, StageOutput<Example>> {
  public static final String STAGE = "response_filter";
  private static final TupleTag<Example> ACCEPTED = new TupleTag<>("accepted") {};

  @Override
  public StageOutput<Example> expand(PCollection<Example> answered) {
    PCollectionTuple out =
        answered.apply(
            "CheckAnswerQuality",
            ParDo.of(new CheckFn()).withOutputTags(ACCEPTED, StageOutput.sideTags()));
    return StageOutput.of(ACCEPTED, out, ExampleCoder.of());
  }

  static final class CheckFn extends DoFn<Example, Example> {
    @ProcessElement
    public void process(@Element Example example, MultiOutputReceiver out) {
      StageOutput.emit(check(example), ACCEPTED, out);
    }

    private static Outcome<Example> check(Example example) {
      Optional<QualityIssue> issue =
          ResponseFilter.check(example.task(), example.output(), example.finishReason());
      if (issue.isEmpty()) {
        return Outcome.value(example);
      }
      Metrics.counter(FilterResponses.class, "rejected." + issue.get().code()).inc();
      return Outcome.rejected(
          new Rejection(
              STAGE, issue.get().code(), issue.get().detail(), Records.toJson(example.toJson())));
    }
  }
}
