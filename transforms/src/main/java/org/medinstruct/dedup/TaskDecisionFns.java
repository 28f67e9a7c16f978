package org.medinstruct.dedup;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;
import org.medinstruct.dedup.DistributedDedup.Decision;
import org.medinstruct.dedup.DistributedDedup.Item;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.StageOutput;

/** The DoFns between tasks and the distributed join's items and decisions. */
final class TaskDecisionFns {
  private TaskDecisionFns() {}

  /** A task as a join item: greedy order key, instruction ("" when null), the task as payload. */
  static final class ToItemFn extends DoFn<MedTask, Item> {
    @ProcessElement
    public void process(@Element MedTask t, OutputReceiver<Item> out) {
      out.output(
          new Item(
              DeduplicateBySimilarity.orderKey(t),
              t.instruction() == null ? "" : t.instruction(),
              ScoredTaskCoder.task(t)));
    }
  }

  /** Tasks dropped by decontamination, naming the evaluation item. */
  static final class DecontaminatedFn extends DoFn<Decision, ScoredTask> {
    @ProcessElement
    public void process(@Element Decision d, OutputReceiver<ScoredTask> out) {
      if (!d.kept()) {
        out.output(
            new ScoredTask(
                ScoredTaskCoder.task(d.item().payload()),
                d.nearest(),
                d.nearestScore(),
                null,
                Double.NaN,
                ScoredTask.DECONTAMINATED));
      }
    }
  }

  /** Items that passed decontamination. */
  static final class SurvivorFn extends DoFn<Decision, Item> {
    @ProcessElement
    public void process(@Element Decision d, OutputReceiver<Item> out) {
      if (d.kept()) {
        out.output(d.item());
      }
    }
  }

  /** A dedup decision as a scored task. */
  static final class ScoredFn extends DoFn<Decision, ScoredTask> {
    @ProcessElement
    public void process(@Element Decision d, OutputReceiver<ScoredTask> out) {
      out.output(
          new ScoredTask(
              ScoredTaskCoder.task(d.item().payload()),
              d.nearest(),
              d.nearestScore(),
              d.nearestPool(),
              d.nearestPoolScore(),
              d.kept() ? null : ScoredTask.DUPLICATE));
    }
  }

  /**
   * Kept tasks to the main output, dropped ones to the rejections as {@link
   * DeduplicateBySimilarity#rejection}.
   */
  static final class SplitFn extends DoFn<ScoredTask, ScoredTask> {
    private final TupleTag<ScoredTask> keptTag;
    private final String dropDetail;

    SplitFn(TupleTag<ScoredTask> keptTag, String dropDetail) {
      this.keptTag = keptTag;
      this.dropDetail = dropDetail;
    }

    @ProcessElement
    public void process(@Element ScoredTask s, MultiOutputReceiver out) {
      if (s.kept()) {
        out.get(keptTag).output(s);
      } else {
        out.get(StageOutput.REJECTED).output(DeduplicateBySimilarity.rejection(s, dropDetail));
      }
    }
  }
}
