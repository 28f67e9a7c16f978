package org.medinstruct.model;

/**
 * The launcher's exit-status contract, also written to {@code summary.json} as {@code "status"}. A
 * scheduler (cron, Airflow, the nightly CI recipe) trusts a run through this code alone.
 */
public enum ExitStatus {
  /** The job did what was asked: the target was met. */
  OK(0, "ok"),
  /** Anything else: a bug of ours, an I/O error, a runner failure. */
  FAILED(1, "failed"),
  /** Bad input or options; nothing was written or spent. */
  BAD_INPUT(2, "bad_input"),
  /** The run finished but the target was not met (rounds ran out). */
  TARGET_NOT_MET(3, "target_not_met"),
  /** Stopped by --maxCostUsd; finished work was kept and written. */
  BUDGET_STOP(4, "budget_stop"),
  /** The endpoint refused (key, model, URL) or was unreachable. */
  ENDPOINT_FAILED(5, "endpoint_failed");

  private final int code;
  private final String label;

  ExitStatus(int code, String label) {
    this.code = code;
    this.label = label;
  }

  public int code() {
    return code;
  }

  /** The value of {@code summary.json}'s {@code "status"}. */
  public String label() {
    return label;
  }
}
