package org.medinstruct.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.MedTaskCoder;
import org.medinstruct.stages.CreateElements;

/**
 * One round of {@code generate} as one Beam job: the pool so far read back from the shards of
 * earlier rounds, the library's round composite ({@link MedInstruct#round}), and all its records,
 * plus the tasks it adds to the pool, written as parallel shards into the round's directory ({@link
 * WriteShards}); {@link GenerateRounds} plans the rounds from what earlier rounds wrote and joins
 * the shards at the end.
 */
public final class GeneratePipeline {
  private final RoundConfig config;

  GeneratePipeline(RoundConfig config) {
    this.config = config;
  }

  /**
   * Whether generation requests ask for structured tasks: {@code --structuredTasks} and a model the
   * models file does not mark {@code structured_output: false}.
   */
  static boolean structuredTasks(
      org.medinstruct.pipeline.options.GenerateOptions o,
      org.medinstruct.llm.ModelCatalog catalog) {
    return o.getStructuredTasks()
        && (catalog == null || catalog.spec(o.getInstructionModel()).structuredOutput());
  }

  /**
   * What one round's job does: send requests {@code firstRequest} .. {@code firstRequest + requests
   * - 1}, dedup against the seeds (greedy policy) and the pool shards in {@code poolDirs}, and
   * write into {@code dir}.
   */
  public record RoundPlan(
      int round, long firstRequest, long requests, List<String> poolDirs, String dir) {}

  /**
   * Adds round {@code plan}'s job to {@code p}; the seeds were loaded and validated by the caller.
   */
  public void buildRound(Pipeline p, RoundPlan plan, List<MedTask> seedTasks) {
    // The seed tasks.
    PCollection<MedTask> seeds =
        p.apply("ReadSeeds", CreateElements.of(seedTasks, MedTaskCoder.of()));
    // The tasks earlier rounds added to the pool, read back from their shards.
    List<String> patterns = new ArrayList<>();
    plan.poolDirs().forEach(d -> patterns.add(ShardFiles.pattern(d, OutputRecord.POOL)));
    PCollection<MedTask> pool =
        p.apply("PoolShardPatterns", CreateElements.of(patterns, StringUtf8Coder.of()))
            .apply(
                "MatchPoolShards",
                FileIO.matchAll().withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW))
            .apply("OpenPoolShards", FileIO.readMatches())
            .apply("ReadPoolShards", ParDo.of(new ReadLinesFn()))
            .setCoder(StringUtf8Coder.of())
            .apply("ParsePoolTasks", ParDo.of(new ParsePoolTaskFn()))
            .setCoder(MedTaskCoder.of());
    RoundResult round =
        RoundInput.of(seeds, pool)
            .apply(
                "Round" + plan.round(),
                MedInstruct.round(
                    config.withRequests(plan.round(), plan.firstRequest(), plan.requests())));

    // Every record of the round, and the tasks it adds to the pool, as shards of one writer.
    PCollectionList.of(OutputRecords.accepted("Accepted", round.records()))
        .and(
            DeadLetters.of(round.rejected(), round.failed())
                .apply("DeadLetters", new GatherDeadLetters()))
        .and(OutputRecords.usage("Usage", round.usage()))
        .and(OutputRecords.pool("PoolTasks", round.poolAdditions()))
        .apply("GatherOutputRecords", Flatten.pCollections())
        .apply("WriteShards", new WriteShards(plan.dir()));
  }

  /**
   * Every line of a pool shard file, in file order (a shard is one worker's output of one round, so
   * it is read whole rather than split into ranges).
   */
  static final class ReadLinesFn extends DoFn<FileIO.ReadableFile, String> {
    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<String> out)
        throws java.io.IOException {
      try (java.io.BufferedReader r =
          new java.io.BufferedReader(
              java.nio.channels.Channels.newReader(
                  file.open(), java.nio.charset.StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          out.output(line);
        }
      }
    }
  }

  /** A pool shard line (written by {@link OutputRecords#pool}) back into its task. */
  static final class ParsePoolTaskFn extends DoFn<String, MedTask> {
    @ProcessElement
    public void process(@Element String line, OutputReceiver<MedTask> out) {
      if (!line.isEmpty()) {
        out.output(
            OutputRecords.poolTask(OutputRecord.fromShardLine(OutputRecord.POOL, line).json()));
      }
    }
  }
}
