package org.medinstruct.pipeline.dedup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.dedup.DedupAlgorithm;
import org.medinstruct.dedup.DedupPolicy;
import org.medinstruct.pipeline.CoderAudit;

/** The dedup command's pipelines (built, not run) use compact coders and deterministic keys. */
class DedupCodersTest {
  @TempDir Path tmp;

  private static final List<String> POOL =
      List.of("Describe the signs of sepsis.", "List causes of anemia.");
  private static final List<String> EVALUATION = List.of("Explain heart failure.");

  @Test
  void prefixDedupJob_withPoolAndDecontamination_usesOnlyCompactCoders() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    DedupCommand.build(
        p,
        tmp.resolve("in.jsonl").toString(),
        POOL,
        EVALUATION,
        new DedupCommand.Settings(DedupPolicy.GREEDY, 0.7, DedupAlgorithm.PREFIX, 0.7),
        tmp.resolve("out").toString());
    assertThat(CoderAudit.violations(p), is(empty()));
  }

  @Test
  void distributedDedupJob_withPoolAndDecontamination_usesOnlyCompactCoders() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    DistributedDedupWrite.build(
        p,
        tmp.resolve("in.jsonl").toString(),
        DedupCommand.view(p, "Pool", POOL),
        DedupCommand.view(p, "Evaluation", EVALUATION),
        new DedupCommand.Settings(DedupPolicy.GREEDY, 0.7, DedupAlgorithm.DISTRIBUTED, 0.7),
        2000,
        tmp.resolve("out").toString(),
        10,
        tmp.resolve("progress").toString());
    assertThat(CoderAudit.violations(p), is(empty()));
  }
}
