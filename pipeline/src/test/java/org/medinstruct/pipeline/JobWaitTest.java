package org.medinstruct.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the launcher waits for a job: its own error on the Direct Runner, fast polls elsewhere. */
class JobWaitTest {
  @TempDir Path tmp;

  @Test
  void givenAFailingDoFnOnTheDirectRunner_theRunEndsWithThePipelinesOwnError() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply(Create.of(1, 2, 3))
        .apply(
            MapElements.into(TypeDescriptors.integers())
                .via(
                    (Integer x) -> {
                      throw new IllegalArgumentException("bad record " + x + " in tasks.jsonl");
                    }));

    Exception e =
        assertThrows(
            Exception.class,
            () ->
                RunOutcome.runWatchingForStop(
                        p, tmp.resolve("progress").toString(), tmp.toString(), "DirectRunner")
                    .waitUntilFinish());

    assertTrue(String.valueOf(e.getMessage()).contains("in tasks.jsonl"), e.toString());
  }

  @Test
  void givenAJobPolledByState_itsEndIsSeenWithoutWaitingOnTheResult() {
    PolledResult result =
        new PolledResult(
            List.of(
                PipelineResult.State.RUNNING,
                PipelineResult.State.RUNNING,
                PipelineResult.State.DONE));

    assertTrue(RunOutcome.endedWithin(result, 60_000));
    assertEquals(0, result.states.size(), "asked three times, until DONE");
  }

  /** A detached job's result: only its state is asked (waiting on it would block a second). */
  private static final class PolledResult implements PipelineResult {
    final Deque<State> states;

    PolledResult(List<State> states) {
      this.states = new ArrayDeque<>(states);
    }

    @Override
    public State getState() {
      return states.poll();
    }

    @Override
    public State cancel() {
      throw new UnsupportedOperationException();
    }

    @Override
    public State waitUntilFinish(Duration duration) {
      throw new AssertionError("the launcher polls the state instead");
    }

    @Override
    public State waitUntilFinish() {
      throw new AssertionError("the launcher polls the state instead");
    }

    @Override
    public MetricResults metrics() {
      throw new UnsupportedOperationException();
    }
  }
}
