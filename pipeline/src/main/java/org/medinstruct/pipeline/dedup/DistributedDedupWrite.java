package org.medinstruct.pipeline.dedup;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.medinstruct.dedup.DistributedDedup;
import org.medinstruct.dedup.DistributedDedup.Decision;
import org.medinstruct.dedup.DistributedDedup.Item;
import org.medinstruct.dedup.ScoredTask;

/**
 * The {@code dedup} command with {@code --dedupAlgorithm=distributed}: input lines become {@link
 * Item}s keyed by zero-padded line number (so key order is input order), decontamination and dedup
 * run as {@link DistributedDedup} joins across workers, and only the final decisions (one small
 * element per line) are gathered to write the two files in input order. Within this class a
 * {@link Decision}'s {@code nearestPool} field carries the drop reason (the command writes no
 * nearest pool item); every input line must come back decided exactly once, or the job fails.
 */
final class DistributedDedupWrite {
  private DistributedDedupWrite() {}

  /** A line's number and exact text, carried to its decision. */
  record LineRef(long number, String raw) implements Serializable {}

  static void build(Pipeline p, String inputFile, PCollectionView<List<String>> poolView,
      PCollectionView<List<String>> evalView, DedupCommand.Settings s, int hotKeyBound,
      String outputDir, long expectedLines) {
    PCollection<Item> items = p
        .apply("InputPath", Create.of(inputFile).withCoder(StringUtf8Coder.of()))
        .apply("ReadLineChunks", ParDo.of(new ReadLineChunks()))
        .setCoder(SerializableCoder.of(LineChunk.class))
        .apply("SpreadChunks", Reshuffle.viaRandomKey())
        .apply("ToJoinItems", ParDo.of(new DoFn<LineChunk, Item>() {
          @ProcessElement
          public void process(ProcessContext c) {
            LineChunk chunk = c.element();
            for (int k = 0; k < chunk.numbers().length; k++) {
              long n = chunk.numbers()[k];
              c.output(new Item(String.format("%019d", n), chunk.instructions()[k],
                  new LineRef(n, chunk.raw()[k])));
            }
          }
        }))
        .setCoder(SerializableCoder.of(Item.class));
    List<PCollection<Decision>> decisions = new ArrayList<>();
    if (evalView != null) {
      PCollection<Decision> clean = new DistributedDedup(s.policy(),
          s.decontaminationThreshold(), Double.POSITIVE_INFINITY, false, hotKeyBound, 0)
          .apply("Decontaminate", items,
              DistributedDedup.poolItems(p, "EvaluationItems", evalView), evalView);
      decisions.add(clean.apply("Decontaminated", ParDo.of(new DoFn<Decision, Decision>() {
        @ProcessElement
        public void process(ProcessContext c) {
          Decision d = c.element();
          if (!d.kept()) {
            // The command writes no nearest pool item, so that field carries the drop reason.
            c.output(new Decision(d.item(), false, d.nearest(), d.nearestScore(),
                ScoredTask.DECONTAMINATED, Double.NaN));
          }
        }
      })).setCoder(SerializableCoder.of(Decision.class)));
      items = clean.apply("Survivors", ParDo.of(new DoFn<Decision, Item>() {
        @ProcessElement
        public void process(ProcessContext c) {
          if (c.element().kept()) {
            c.output(c.element().item());
          }
        }
      })).setCoder(SerializableCoder.of(Item.class));
    }
    // Kept lines are written untouched, so no neighbour floor and no nearest-pool scan.
    decisions.add(new DistributedDedup(s.policy(), s.threshold(), Double.POSITIVE_INFINITY, true,
        hotKeyBound, 0)
        .apply("Dedup", items, DistributedDedup.poolItems(p, "PoolItems", poolView), poolView)
        .apply("Duplicates", ParDo.of(new DoFn<Decision, Decision>() {
          @ProcessElement
          public void process(ProcessContext c) {
            Decision d = c.element();
            c.output(new Decision(d.item(), d.kept(), d.nearest(), d.nearestScore(),
                d.kept() ? null : ScoredTask.DUPLICATE, Double.NaN));
          }
        })).setCoder(SerializableCoder.of(Decision.class)));
    // One marker so that an empty input still writes (empty) files.
    decisions.add(p.apply("Marker", Create.of(new Decision(null, true, null, Double.NaN, null,
        Double.NaN)).withCoder(SerializableCoder.of(Decision.class))));
    PCollectionList.of(decisions)
        .apply("AllDecisions", Flatten.pCollections())
        .apply("DecisionsToWriter", WithKeys.of((Void) null))
        .setCoder(KvCoder.of(VoidCoder.of(), SerializableCoder.of(Decision.class)))
        .apply("GatherDecisions", GroupByKey.create())
        .apply("WriteInInputOrder", ParDo.of(new WriteFn(outputDir, expectedLines)));
  }

  /** Sorts the decisions by line number and writes kept.jsonl and dropped.jsonl. */
  static final class WriteFn extends DoFn<KV<Void, Iterable<Decision>>, Void> {
    private final String outputDir;
    private final long expectedLines;
    private final Counter kept = Metrics.counter(DedupAndWriteFn.METRICS, "kept");
    private final Counter duplicates = Metrics.counter(DedupAndWriteFn.METRICS, "droppedDuplicate");
    private final Counter decontaminated =
        Metrics.counter(DedupAndWriteFn.METRICS, "droppedDecontaminated");

    WriteFn(String outputDir, long expectedLines) {
      this.outputDir = outputDir;
      this.expectedLines = expectedLines;
    }

    @ProcessElement
    public void process(ProcessContext c) throws Exception {
      List<Decision> all = new ArrayList<>();
      for (Decision d : c.element().getValue()) {
        if (d.item() != null) {
          all.add(d);
        }
      }
      if (expectedLines >= 0 && all.size() != expectedLines) {
        throw new IllegalStateException(
            "decided " + all.size() + " of " + expectedLines + " input lines");
      }
      all.sort(Comparator.comparingLong(d -> ((LineRef) d.item().payload()).number()));
      long[] numbers = new long[all.size()];
      List<String> raw = new ArrayList<>(all.size());
      List<ScoredTask> scored = new ArrayList<>(all.size());
      for (int i = 0; i < all.size(); i++) {
        Decision d = all.get(i);
        LineRef line = (LineRef) d.item().payload();
        numbers[i] = line.number();
        if (i > 0 && numbers[i] == numbers[i - 1]) {
          throw new IllegalStateException("line " + numbers[i] + " decided twice");
        }
        raw.add(line.raw());
        scored.add(new ScoredTask(null, d.nearest(), d.nearestScore(), null, Double.NaN,
            d.kept() ? null : d.nearestPool()));
      }
      WriteDedupOutput.Counts counts = WriteDedupOutput.write(Path.of(outputDir), numbers, raw,
          scored);
      kept.inc(counts.kept());
      duplicates.inc(counts.duplicate());
      decontaminated.inc(counts.decontaminated());
    }
  }

}
