package org.medinstruct.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The nearest-name suggestion of unknown options. */
class OptionCheckTest {
  private static final List<String> NAMES =
      List.of("input", "output", "threshold", "targetInstructions");

  @Test
  void distanceCountsASwapOfNeighboursAsOneEdit() {
    assertThat(OptionCheck.distance("inptu", "input"), is(1));
    assertThat(OptionCheck.distance("treshold", "threshold"), is(1));
    assertThat(OptionCheck.distance("abc", "xyz"), is(3));
  }

  @Test
  void nearestIgnoresCaseAndSuggestsOnlyCloseNames() {
    assertThat(OptionCheck.nearest("OUTPUT", NAMES), is(Optional.of("output")));
    assertThat(
        OptionCheck.nearest("targetInstruction", NAMES), is(Optional.of("targetInstructions")));
    assertThat(OptionCheck.nearest("zzzzqqqq", NAMES), is(Optional.empty()));
    assertThat(OptionCheck.nearest("in", NAMES), is(Optional.empty()));
  }
}
