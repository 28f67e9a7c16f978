package org.medinstruct.stages;

import java.util.Optional;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.MedTaskCoder;
import org.medinstruct.model.Outcome;
import org.medinstruct.model.Records;
import org.medinstruct.model.Rejection;
import org.medinstruct.model.StageOutput;
import org.medinstruct.tasks.QualityIssue;
import org.medinstruct.tasks.TaskFilter;
import org.medinstruct.tasks.TaskFilter.FilterSettings;

/**
 * Applies AlpaCare's task filters. Input: parsed tasks. Output: tasks that pass. Rejected: every
 * other task, with the reason ({@code filter/<reason>}). No failures: filtering cannot fail.
 */
public final class FilterTasks extends PTransform<PCollection<MedTask>, StageOutput<MedTask>> {
  public static final String STAGE = "filter";
  private static final TupleTag<MedTask> PASSED = new TupleTag<>("passed") {};
  private final FilterSettings settings;

  public FilterTasks(FilterSettings settings) {
    this.settings = settings;
  }

  @Override
  public StageOutput<MedTask> expand(PCollection<MedTask> tasks) {
    PCollectionTuple out =
        tasks.apply(
            "CheckTaskQuality",
            ParDo.of(new CheckFn(settings)).withOutputTags(PASSED, StageOutput.sideTags()));
    return StageOutput.of(PASSED, out, MedTaskCoder.of());
  }

  static final class CheckFn extends DoFn<MedTask, MedTask> {
    private final FilterSettings settings;

    CheckFn(FilterSettings settings) {
      this.settings = settings;
    }

    @ProcessElement
    public void process(@Element MedTask task, MultiOutputReceiver out) {
      StageOutput.emit(check(task), PASSED, out);
    }

    private Outcome<MedTask> check(MedTask task) {
      Optional<QualityIssue> issue = TaskFilter.check(task, settings);
      if (issue.isEmpty()) {
        return Outcome.value(task);
      }
      Metrics.counter(FilterTasks.class, "rejected." + issue.get().code()).inc();
      return Outcome.rejected(
          new Rejection(
              STAGE, issue.get().code(), issue.get().detail(), Records.toJson(Records.task(task))));
    }
  }
}
