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

  @Test
  void givenAJobTheRunnerSaysCanNeverGoOn_itIsCancelledAndTheRunFailsWithTheReason() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply(Create.of(1))
        .apply(
            MapElements.into(TypeDescriptors.integers())
                .via(
                    (Integer x) -> {
                      try {
                        Thread.sleep(20_000);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return x;
                    }));
    java.util.concurrent.atomic.AtomicInteger cancels =
        new java.util.concurrent.atomic.AtomicInteger();
    Launch.setStallHook(o -> "the cluster has no task slots");
    Launch.setCancelHook(o -> cancels.incrementAndGet());
    try {
      long started = System.nanoTime();
      org.medinstruct.model.RunStatusException e =
          assertThrows(
              org.medinstruct.model.RunStatusException.class,
              () -> RunOutcome.runWatchingForStop(p, tmp.toString(), tmp.toString(), "Direct"));
      assertEquals(org.medinstruct.model.ExitStatus.FAILED, e.status());
      assertEquals("the cluster has no task slots", e.getMessage());
      assertEquals(1, cancels.get(), "the job is cancelled through the runner's hook");
      assertTrue(
          System.nanoTime() - started < 15_000_000_000L,
          "it stops at the first check, not when the job ends");
    } finally {
      Launch.setStallHook(null);
      Launch.setCancelHook(null);
    }
  }

  @Test
  void givenAJobThatEndsInAnyStateButDone_theRunFailsWithTheJobsOwnErrorWhenTheHookHasIt() {
    PipelineResult failed = new EndedResult(PipelineResult.State.FAILED);
    IllegalStateException named =
        assertThrows(
            IllegalStateException.class,
            () -> JobEnd.requireDone(failed, PipelineOptionsFactory.create()));
    assertTrue(named.getMessage().contains("pipeline ended in state FAILED"), named.getMessage());

    Launch.setFailureHook(o -> new IllegalArgumentException("bad record 7 in in.jsonl"));
    try {
      RuntimeException own =
          assertThrows(
              RuntimeException.class,
              () -> JobEnd.requireDone(failed, PipelineOptionsFactory.create()));
      assertEquals("bad record 7 in in.jsonl", own.getMessage());
      JobEnd.requireDone(
          new EndedResult(PipelineResult.State.DONE), PipelineOptionsFactory.create());
    } finally {
      Launch.setFailureHook(null);
    }
  }

  /** A job that has already ended in {@code state}. */
  private record EndedResult(State state) implements PipelineResult {
    @Override
    public State getState() {
      return state;
    }

    @Override
    public State cancel() {
      throw new UnsupportedOperationException();
    }

    @Override
    public State waitUntilFinish(Duration duration) {
      return state;
    }

    @Override
    public State waitUntilFinish() {
      return state;
    }

    @Override
    public MetricResults metrics() {
      throw new UnsupportedOperationException();
    }
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
