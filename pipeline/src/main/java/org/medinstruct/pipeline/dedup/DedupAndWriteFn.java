package org.medinstruct.pipeline.dedup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.medinstruct.dedup.DedupBatch;
import org.medinstruct.dedup.DedupStats;
import org.medinstruct.model.MedTask;

/**
 * Gathers every {@link LineChunk}, runs one {@link DedupBatch} in input order (side inputs: pool
 * texts and, optionally, evaluation texts) and writes the output files with {@link
 * WriteDedupOutput}. Counters in namespace {@code dedup} feed the command's summary line.
 */
final class DedupAndWriteFn extends DoFn<KV<Void, Iterable<LineChunk>>, Void> {
  static final String METRICS = "dedup";
  private final DedupBatch batch;
  private final PCollectionView<List<String>> pool;
  private final PCollectionView<List<String>> evaluation;
  private final String outputDir;
  private final Counter kept = Metrics.counter(METRICS, "kept");
  private final Counter duplicates = Metrics.counter(METRICS, "droppedDuplicate");
  private final Counter decontaminated = Metrics.counter(METRICS, "droppedDecontaminated");
  private final Counter candidatePairs = Metrics.counter(METRICS, "candidatePairs");
  private final Counter verifiedPairs = Metrics.counter(METRICS, "verifiedPairs");
  private final Counter maxPostingScan = Metrics.counter(METRICS, "maxPostingScan");

  DedupAndWriteFn(
      DedupBatch batch,
      PCollectionView<List<String>> pool,
      PCollectionView<List<String>> evaluation,
      String outputDir) {
    this.batch = batch;
    this.pool = pool;
    this.evaluation = evaluation;
    this.outputDir = outputDir;
  }

  @ProcessElement
  public void process(ProcessContext context) throws Exception {
    List<LineChunk> chunks = new ArrayList<>();
    context.element().getValue().forEach(chunks::add);
    chunks.sort(Comparator.comparingLong(c -> c.numbers().length == 0 ? 0 : c.numbers()[0]));
    int n = chunks.stream().mapToInt(c -> c.numbers().length).sum();
    long[] numbers = new long[n];
    List<String> raw = new ArrayList<>(n);
    List<MedTask> tasks = new ArrayList<>(n);
    int i = 0;
    for (LineChunk c : chunks) {
      for (int k = 0; k < c.numbers().length; k++, i++) {
        numbers[i] = c.numbers()[k];
        raw.add(c.raw()[k]);
        // Line number as request index: sortKey order is input order.
        tasks.add(
            new MedTask(
                Long.toString(numbers[i]),
                null,
                null,
                null,
                null,
                c.instructions()[k],
                null,
                0,
                numbers[i],
                0,
                List.of()));
      }
    }
    long[] sorted = numbers.clone();
    Arrays.sort(sorted);
    if (!Arrays.equals(sorted, numbers)) {
      throw new IllegalStateException("input chunks overlap or are out of order");
    }
    DedupBatch.Outcome outcome =
        batch.run(
            tasks,
            context.sideInput(pool),
            evaluation == null ? null : context.sideInput(evaluation));
    WriteDedupOutput.Counts counts =
        WriteDedupOutput.write(Path.of(outputDir), numbers, raw, outcome.scored());
    DedupStats stats = outcome.stats();
    kept.inc(counts.kept());
    duplicates.inc(counts.duplicate());
    decontaminated.inc(counts.decontaminated());
    candidatePairs.inc(stats.candidatePairs());
    verifiedPairs.inc(stats.verifiedPairs());
    maxPostingScan.inc(stats.maxPostingScan());
  }
}
