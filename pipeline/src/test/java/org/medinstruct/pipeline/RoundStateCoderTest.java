package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.jupiter.api.Test;

/** RoundState and OutputRecord travel through their own coders, picked by Beam's registry. */
class RoundStateCoderTest {
  @Test
  void roundTripsInitialRunningAndStoppedStates() throws Exception {
    RoundState initial = RoundState.initial(52_000);
    RoundState running = initial.after(1, 4_000, 2_500, 0);
    RoundState stopped = running.after(2, 10, 0, 3); // budget: stop reason set
    RoundState extreme =
        new RoundState(Integer.MAX_VALUE, Long.MAX_VALUE, -1, Long.MIN_VALUE, 0, "");
    RoundState unicode = new RoundState(-1, 0, 0, 0, 1, "no progress: \u0130 \ud83e\ude7a");
    for (RoundState s : new RoundState[] {initial, running, stopped, extreme, unicode}) {
      CoderProperties.coderDecodeEncodeEqual(RoundStateCoder.of(), s);
      CoderProperties.coderDeterministic(
          RoundStateCoder.of(),
          s,
          new RoundState(
              s.round(),
              s.nextRequestIndex(),
              s.requestsSoFar(),
              s.acceptedSoFar(),
              s.target(),
              s.stopReason()));
    }
    CoderProperties.coderSerializable(RoundStateCoder.of());
  }

  @Test
  void registryPicksTheCompactCoders() throws Exception {
    CoderRegistry r = CoderRegistry.createDefault();
    assertThat(r.getCoder(TypeDescriptor.of(RoundState.class)), is(RoundStateCoder.of()));
    assertThat(r.getCoder(TypeDescriptor.of(OutputRecord.class)), is(OutputRecordCoder.of()));
  }
}
