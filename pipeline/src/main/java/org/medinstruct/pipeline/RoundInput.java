package org.medinstruct.pipeline;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.medinstruct.model.MedTask;

/**
 * What one round of {@link MedInstruct#round} reads: the seed tasks (sampled into the generation
 * prompts and, with the greedy dedup policy, part of the dedup pool) and the pool so far (the tasks
 * earlier rounds added, {@link RoundResult#poolAdditions()}; empty for a first round). Both are
 * bounded collections in the global window; their order does not matter.
 */
public final class RoundInput implements PInput {
  private static final TupleTag<MedTask> SEEDS = new TupleTag<>("seeds");
  private static final TupleTag<MedTask> POOL = new TupleTag<>("pool");

  private final PCollection<MedTask> seeds;
  private final PCollection<MedTask> pool;

  private RoundInput(PCollection<MedTask> seeds, PCollection<MedTask> pool) {
    this.seeds = seeds;
    this.pool = pool;
  }

  public static RoundInput of(PCollection<MedTask> seeds, PCollection<MedTask> pool) {
    if (seeds.getPipeline() != pool.getPipeline()) {
      throw new IllegalArgumentException("the seeds and the pool must belong to one pipeline");
    }
    return new RoundInput(seeds, pool);
  }

  public PCollection<MedTask> seeds() {
    return seeds;
  }

  public PCollection<MedTask> pool() {
    return pool;
  }

  public RoundResult apply(String name, GenerateRound round) {
    return Pipeline.applyTransform(name, this, round);
  }

  @Override
  public Pipeline getPipeline() {
    return seeds.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(SEEDS, seeds, POOL, pool);
  }
}
