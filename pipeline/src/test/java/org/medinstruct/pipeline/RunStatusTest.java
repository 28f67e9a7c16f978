package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** How summary.json's status is decided from what a run wrote (the exit-status contract). */
class RunStatusTest {
  private static JsonObject summary() {
    JsonObject s = new JsonObject();
    s.addProperty("max_rounds", 2);
    return s;
  }

  @Test
  void generateShortOfTargetWithNoFailures_isTargetNotMet() {
    JsonObject s = summary();
    new RunStatus(100, 60, 0, false, null, 0, 40).writeTo(s);
    assertThat(s.get("status").getAsString(), is("target_not_met"));
    assertThat(s.get("exit_code").getAsInt(), is(3));
    assertThat(s.get("status_reason").getAsString(), containsString("--maxRounds"));
  }

  @Test
  void generateShortOfTargetBecauseTheEndpointDied_isEndpointFailed() {
    JsonObject s = summary();
    new RunStatus(60, 12, 3, false, null, 9, 14).writeTo(s);
    assertThat(s.get("status").getAsString(), is("endpoint_failed"));
    assertThat(s.get("exit_code").getAsInt(), is(5));
    assertThat(
        s.get("status_reason").getAsString(),
        containsString("9 of 14 requests failed at the endpoint"));
  }

  @Test
  void aFewEndpointFailuresInALongRunShortOfRounds_staysTargetNotMet() {
    JsonObject s = summary();
    new RunStatus(1000, 900, 2, false, null, 2, 1200).writeTo(s);
    assertThat(s.get("status").getAsString(), is("target_not_met"));
  }

  @Test
  void respondWithEveryFailureAtTheEndpoint_isEndpointFailed() {
    JsonObject s = summary();
    new RunStatus(-1, 5, 35, false, null, 35, 40).writeTo(s);
    assertThat(s.get("exit_code").getAsInt(), is(5));
  }

  @Test
  void budgetStopWinsOverEndpointFailures() {
    JsonObject s = summary();
    new RunStatus(100, 10, 0, true, null, 0, 20).writeTo(s);
    assertThat(s.get("status").getAsString(), is("budget_stop"));
  }

  @Test
  void targetMet_isOkWhateverFailed() {
    JsonObject s = summary();
    new RunStatus(50, 50, 4, false, null, 4, 10).writeTo(s);
    assertThat(s.get("status").getAsString(), is("ok"));
    assertThat(s.get("exit_code").getAsInt(), is(0));
  }
}
