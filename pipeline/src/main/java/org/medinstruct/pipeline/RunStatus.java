package org.medinstruct.pipeline;

import com.google.gson.JsonObject;
import org.medinstruct.model.ExitStatus;

/**
 * The run's exit status ({@code "status"}, an {@link ExitStatus} label) and why ({@code
 * "status_reason"}): ok when the target was met (respond: every task answered or rejected),
 * budget_stop when --maxCostUsd stopped it first, else target_not_met. A run short of its target in
 * which at least {@link #ENDPOINT_SHARE} of the requests ({@code requests}: completions plus
 * failures) failed because of the endpoint ({@code endpointFailures}: refused key, unknown model,
 * 5xx, no response or garbage, after every retry) ends endpoint_failed (exit 5), not
 * target_not_met: a run too small for the circuit breaker's window whose endpoint died still says
 * so. A negative {@code target} marks a respond run.
 */
record RunStatus(
    long target,
    long accepted,
    long failedResponses,
    boolean budget,
    String stopReason,
    long endpointFailures,
    long requests) {

  /**
   * Share of a run's requests failed at the endpoint from which a short run is the endpoint's
   * fault.
   */
  static final double ENDPOINT_SHARE = 0.2;

  /** Sets target_met, status, exit_code and status_reason of summary {@code s}. */
  void writeTo(JsonObject s) {
    ExitStatus status = status();
    String reason = reason(status, s);
    s.addProperty("target_met", met());
    s.addProperty("status", status.label());
    s.addProperty("exit_code", status.code());
    s.addProperty("status_reason", reason);
  }

  private boolean generate() {
    return target >= 0;
  }

  private boolean met() {
    return generate() ? accepted >= target : failedResponses == 0;
  }

  private ExitStatus status() {
    if (met()) {
      return ExitStatus.OK;
    } else if (!budget && endpointFailures > 0 && endpointFailures >= ENDPOINT_SHARE * requests) {
      return ExitStatus.ENDPOINT_FAILED;
    } else if (budget) {
      return ExitStatus.BUDGET_STOP;
    }
    return ExitStatus.TARGET_NOT_MET;
  }

  /** Why the run ended with {@code status}; null when it is ok. */
  private String reason(ExitStatus status, JsonObject s) {
    boolean generate = generate();
    if (status == ExitStatus.OK) {
      return null;
    } else if (status == ExitStatus.ENDPOINT_FAILED) {
      return endpointFailures
          + " of "
          + requests
          + " requests failed at the endpoint after every retry"
          + " (refused, unreachable or not a completion; see failed.jsonl), so "
          + (generate ? accepted + " of " + target + " pairs" : accepted + " answers")
          + " were written. Check --llmBaseUrl and the key, then rerun with the same --cacheDir"
          + " (answered requests are not paid again)";
    } else if (status == ExitStatus.BUDGET_STOP) {
      return "--maxCostUsd was reached; "
          + accepted
          + (generate ? " of " + target + " pairs" : " answers")
          + " were written. Raise --maxCostUsd and rerun with the same --cacheDir (journaled"
          + " requests are not paid again)";
    } else if (generate) {
      return accepted
          + " of "
          + target
          + " pairs after "
          + s.get("max_rounds")
          + " rounds ("
          + (stopReason == null ? "--maxRounds ran out" : stopReason)
          + "). Raise --maxRounds and rerun with the same --cacheDir";
    }
    return failedResponses
        + " tasks have no answer (see failed.jsonl); rerun with the same --cacheDir to retry"
        + " only them";
  }
}
