package org.medinstruct.pipeline.dedup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
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
 * run as {@link DistributedDedup} joins across workers, and only the final decisions (a few bytes
 * per line, in batches) are gathered; the writer reads the input file again and writes the two
 * files in input order. Every input line must come back decided exactly once, or the job fails.
 */
final class DistributedDedupWrite {
  private DistributedDedupWrite() {}

  static void build(
      Pipeline p,
      String inputFile,
      PCollectionView<List<String>> poolView,
      PCollectionView<List<String>> evalView,
      DedupCommand.Settings s,
      int hotKeyBound,
      String outputDir,
      long expectedLines,
      String progressDir) {
    PCollection<Item> items =
        p.apply("InputPath", Create.of(inputFile).withCoder(StringUtf8Coder.of()))
            .apply("ReadLineChunks", ParDo.of(new ReadLineChunks()))
            .setCoder(LineChunkCoder.of())
            .apply("SpreadChunks", Reshuffle.viaRandomKey())
            .apply("ToJoinItems", ParDo.of(new ToItemsFn()))
            .setCoder(DistributedDedup.ItemCoder.of());
    List<PCollection<KV<Integer, byte[]>>> decisions = new ArrayList<>();
    if (evalView != null) {
      PCollection<Decision> clean =
          new DistributedDedup(
                  s.policy(),
                  s.decontaminationThreshold(),
                  Double.POSITIVE_INFINITY,
                  false,
                  hotKeyBound,
                  0)
              .withProgressDir(progressDir)
              .apply(
                  "Decontaminate",
                  items,
                  DistributedDedup.poolItems(p, "EvaluationItems", evalView),
                  evalView);
      decisions.add(
          clean
              .apply(
                  "Decontaminated", ParDo.of(new LineDecisionFn(ScoredTask.DECONTAMINATED, true)))
              .setCoder(BATCH));
      items =
          clean
              .apply("Survivors", ParDo.of(new KeptItemsFn()))
              .setCoder(DistributedDedup.ItemCoder.of());
    }
    // Kept lines are written untouched, so no neighbour floor and no nearest-pool scan.
    decisions.add(
        new DistributedDedup(
                s.policy(), s.threshold(), Double.POSITIVE_INFINITY, true, hotKeyBound, 0)
            .withProgressDir(progressDir)
            .apply("Dedup", items, DistributedDedup.poolItems(p, "PoolItems", poolView), poolView)
            .apply("Duplicates", ParDo.of(new LineDecisionFn(ScoredTask.DUPLICATE, false)))
            .setCoder(BATCH));
    // One marker so that an empty input still writes (empty) files.
    decisions.add(p.apply("Marker", Create.of(KV.of(0, new byte[0])).withCoder(BATCH)));
    PCollectionList.of(decisions)
        .apply("AllDecisions", Flatten.pCollections())
        .apply("GatherDecisions", GroupByKey.create())
        .apply("WriteInInputOrder", ParDo.of(new WriteFn(inputFile, outputDir, expectedLines)));
  }

  private static final Coder<KV<Integer, byte[]>> BATCH =
      KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of());

  /** Lines of a chunk as join items keyed by zero-padded line number, without payload. */
  static final class ToItemsFn extends DoFn<LineChunk, Item> {
    @ProcessElement
    public void process(@Element LineChunk chunk, OutputReceiver<Item> out) {
      for (int k = 0; k < chunk.numbers().length; k++) {
        out.output(
            new Item(String.format("%019d", chunk.numbers()[k]), chunk.instructions()[k], null));
      }
    }
  }

  /**
   * Decisions as (line number, kept, nearest, rougeL, reason) batches under one key; kept lines are
   * skipped when {@code droppedOnly}.
   */
  static final class LineDecisionFn extends DoFn<Decision, KV<Integer, byte[]>> {
    private final String reason;
    private final boolean droppedOnly;
    private transient DataOutputStream buffer;
    private transient ByteArrayOutputStream bytes;

    LineDecisionFn(String reason, boolean droppedOnly) {
      this.reason = reason;
      this.droppedOnly = droppedOnly;
    }

    @StartBundle
    public void start() {
      bytes = new ByteArrayOutputStream();
      buffer = new DataOutputStream(bytes);
    }

    @ProcessElement
    public void process(@Element Decision d, OutputReceiver<KV<Integer, byte[]>> out)
        throws IOException {
      if (droppedOnly && d.kept()) {
        return;
      }
      buffer.writeLong(Long.parseLong(d.item().key()));
      buffer.writeBoolean(d.kept());
      if (!d.kept()) {
        buffer.writeUTF(reason);
        buffer.writeBoolean(d.nearest() != null);
        if (d.nearest() != null) {
          byte[] t = d.nearest().getBytes(StandardCharsets.UTF_8);
          buffer.writeInt(t.length);
          buffer.write(t);
        }
        buffer.writeDouble(d.nearestScore());
      }
      if (bytes.size() > (1 << 20)) {
        buffer.flush();
        out.output(KV.of(0, bytes.toByteArray()));
        bytes.reset();
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      buffer.flush();
      if (bytes.size() > 0) {
        c.output(
            KV.of(0, bytes.toByteArray()),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
      }
    }
  }

  /** Reads the input again and writes kept.jsonl and dropped.jsonl in input order. */
  static final class WriteFn extends DoFn<KV<Integer, Iterable<byte[]>>, Void> {
    private final String inputFile;
    private final String outputDir;
    private final long expectedLines;
    private final Counter kept = Metrics.counter(DedupAndWriteFn.METRICS, "kept");
    private final Counter duplicates = Metrics.counter(DedupAndWriteFn.METRICS, "droppedDuplicate");
    private final Counter decontaminated =
        Metrics.counter(DedupAndWriteFn.METRICS, "droppedDecontaminated");

    WriteFn(String inputFile, String outputDir, long expectedLines) {
      this.inputFile = inputFile;
      this.outputDir = outputDir;
      this.expectedLines = expectedLines;
    }

    @ProcessElement
    public void process(ProcessContext c) throws Exception {
      List<InputRecords.Line> lines = InputRecords.readJsonl(Path.of(inputFile));
      long[] numbers = new long[lines.size()];
      for (int i = 0; i < numbers.length; i++) {
        numbers[i] = lines.get(i).number();
      }
      ScoredTask[] scored = new ScoredTask[numbers.length];
      long decided = 0;
      for (byte[] batch : c.element().getValue()) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(batch));
        while (in.available() > 0) {
          long number = in.readLong();
          boolean isKept = in.readBoolean();
          ScoredTask s;
          if (isKept) {
            s = new ScoredTask(null, null, Double.NaN, null, Double.NaN, null);
          } else {
            String reason = in.readUTF();
            String nearest = null;
            if (in.readBoolean()) {
              byte[] t = new byte[in.readInt()];
              in.readFully(t);
              nearest = new String(t, StandardCharsets.UTF_8);
            }
            s = new ScoredTask(null, nearest, in.readDouble(), null, Double.NaN, reason);
          }
          int i = Arrays.binarySearch(numbers, number);
          if (i < 0) {
            throw new IllegalStateException(
                "decision for line " + number + " of " + inputFile + ", which has no such record");
          }
          if (scored[i] != null) {
            throw new IllegalStateException("line " + number + " decided twice");
          }
          scored[i] = s;
          decided++;
        }
      }
      if (decided != numbers.length || (expectedLines >= 0 && decided != expectedLines)) {
        throw new IllegalStateException(
            "decided " + decided + " of " + numbers.length + " input lines");
      }
      List<String> raw = new ArrayList<>(lines.size());
      for (InputRecords.Line l : lines) {
        raw.add(l.raw());
      }
      lines = null;
      WriteDedupOutput.Counts counts =
          WriteDedupOutput.write(Path.of(outputDir), numbers, raw, Arrays.asList(scored));
      kept.inc(counts.kept());
      duplicates.inc(counts.duplicate());
      decontaminated.inc(counts.decontaminated());
    }
  }

  /** The items of kept decisions (the records that survive decontamination). */
  static final class KeptItemsFn extends DoFn<Decision, Item> {
    @ProcessElement
    public void process(@Element Decision d, OutputReceiver<Item> out) {
      if (d.kept()) {
        out.output(d.item());
      }
    }
  }
}
