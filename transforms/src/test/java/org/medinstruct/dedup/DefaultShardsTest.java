package org.medinstruct.dedup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class DefaultShardsTest {

  @Test
  void defaultShards_are64OnTheDirectRunnerAnd256OnAnyOther() {
    PipelineOptions direct = PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create();
    PipelineOptions other = PipelineOptionsFactory.create();
    other.setRunner(OtherRunner.class);

    assertThat(DistributedDedup.defaultShards(direct), is(DistributedDedup.DIRECT_SHARDS));
    assertThat(DistributedDedup.defaultShards(other), is(DistributedDedup.DEFAULT_SHARDS));
    assertThat(DistributedDedup.DIRECT_SHARDS, is(64));
    assertThat(DistributedDedup.DEFAULT_SHARDS, is(256));
  }

  /** A runner that is not the Direct Runner (a cluster's, as far as the default goes). */
  static final class OtherRunner extends PipelineRunner<PipelineResult> {
    public static OtherRunner fromOptions(PipelineOptions options) {
      return new OtherRunner();
    }

    @Override
    public PipelineResult run(Pipeline pipeline) {
      throw new UnsupportedOperationException();
    }
  }
}
