package org.medinstruct.runners.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Stand-in Beam pipeline for exercising a Flink cluster until the real {@code generate} command
 * replaces it.
 *
 * <p>Input: the integers {@code 0..records-1}, generated in the pipeline. Each is keyed by {@code i
 * % keys}, grouped (GroupByKey), then every element is processed slowly ({@code sleepMillis} per
 * element) into the line {@code "key=<k> value=<i> square=<i*i>"}. Output: one text file {@code
 * <output>} (a single shard) holding one line per input integer, in no particular order; so a
 * complete run has exactly {@code records} distinct lines. Failures: none of its own; a worker loss
 * is left to Flink's restart strategy.
 */
public final class SmokePipeline {

  /** Options of the stand-in pipeline. */
  public interface Options extends PipelineOptions {
    @Description("Number of generated records")
    @Default.Integer(200)
    int getRecords();

    void setRecords(int value);

    @Description("Number of distinct keys for the GroupByKey")
    @Default.Integer(8)
    int getKeys();

    void setKeys(int value);

    @Description("Milliseconds slept per element in the slow step")
    @Default.Long(20)
    long getSleepMillis();

    void setSleepMillis(long value);

    @Description("Output file (single shard, written through a temp file and renamed)")
    @Validation.Required
    String getOutput();

    void setOutput(String value);
  }

  private SmokePipeline() {}

  /** Runs the pipeline and waits for it; exits non-zero if it did not finish DONE. */
  public static void main(String[] args) {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    PipelineResult.State state = run(options);
    System.out.println("SmokePipeline finished: " + state);
    if (state != PipelineResult.State.DONE) {
      System.exit(1);
    }
  }

  /**
   * Builds and runs the pipeline with the given options, returning its final state; a remote Flink
   * submission stages the slim job jar unless {@code --filesToStage} is given.
   */
  public static PipelineResult.State run(Options options) {
    FlinkJobJar.stageIfRemote(options);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, options);
    return pipeline.run().waitUntilFinish();
  }

  /** Adds the stand-in transforms to {@code pipeline}. */
  public static void build(Pipeline pipeline, Options options) {
    int keys = options.getKeys();
    List<Integer> numbers = new ArrayList<>();
    IntStream.range(0, options.getRecords()).forEach(numbers::add);
    PCollection<KV<Integer, Integer>> keyed =
        pipeline
            .apply("Generate", Create.of(numbers))
            .apply(
                "KeyByModulo",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptors.integers()))
                    .via(i -> KV.of(i % keys, i)));
    keyed
        .apply("Group", GroupByKey.create())
        // Spread the groups' elements over all workers so the slow step runs in parallel.
        .apply("Flatten", ParDo.of(new Ungroup()))
        .apply("Spread", Reshuffle.viaRandomKey())
        .apply("SlowFormat", ParDo.of(new SlowFormat(options.getSleepMillis())))
        .apply("Write", TextIO.write().to(options.getOutput()).withoutSharding());
  }

  /** Emits every value of a group with its key. */
  static final class Ungroup extends DoFn<KV<Integer, Iterable<Integer>>, KV<Integer, Integer>> {
    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<Integer>> group, OutputReceiver<KV<Integer, Integer>> out) {
      for (Integer value : group.getValue()) {
        out.output(KV.of(group.getKey(), value));
      }
    }
  }

  /** Sleeps per element (a stand-in for an LLM call) and formats it. */
  static final class SlowFormat extends DoFn<KV<Integer, Integer>, String> {
    private final long sleepMillis;

    SlowFormat(long sleepMillis) {
      this.sleepMillis = sleepMillis;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Integer> kv, OutputReceiver<String> out)
        throws InterruptedException {
      Thread.sleep(sleepMillis);
      long value = kv.getValue();
      out.output("key=" + kv.getKey() + " value=" + value + " square=" + value * value);
    }
  }
}
