package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

class RoundStateTest {
  @Test
  void givenNoMeasurement_sizesFromTheAssumedYieldWithoutMargin() {
    assertThat(RoundState.initial(200).plannedRequests(9.0), is(23L));
  }

  @Test
  void givenMeasuredYield_sizesTheNextRoundFromIt() {
    RoundState s = RoundState.initial(200).after(1, 10, 50, 0);
    assertThat(s.deficit(), is(150L));
    assertThat(s.nextRequestIndex(), is(10L));
    assertThat(s.plannedRequests(7.2), is(32L));
  }

  @Test
  void givenTargetReached_plansNothing() {
    assertThat(RoundState.initial(20).after(1, 4, 25, 0).plannedRequests(7.2), is(0L));
  }

  @Test
  void givenCollapsedYield_plansAtMostOneRequestPerMissingPair() {
    assertThat(RoundState.initial(10).plannedRequests(0.001), is(10L));
  }

  @Test
  void givenRoundWithoutProgress_stops() {
    RoundState s = RoundState.initial(10).after(1, 3, 0, 0);
    assertThat(s.stopReason(), containsString("no progress"));
    assertThat(s.plannedRequests(7.2), is(0L));
  }

  @Test
  void givenBudgetRefusals_stopsAtTheBudget() {
    RoundState s = RoundState.initial(100).after(2, 10, 30, 4);
    assertThat(s.stopReason(), containsString("budget"));
    assertThat(RoundState.initial(100).after(1, 10, 30, 0).stopReason(), is(nullValue()));
  }
}
