package org.medinstruct.model;

/**
 * Why a request produced no completion, as a type: decisions (budget stop, systemic stop, exit
 * status) are made on this, never on message text. Written to failed.jsonl as {@code "kind"}.
 */
public enum FailureKind {
  /** Not sent: the worker's share of --maxCostUsd is spent. */
  BUDGET,
  /** 401/403: the endpoint refused the API key. Systemic. */
  KEY_REFUSED,
  /** The worker has no API key although the launcher had one. Systemic; nothing is sent. */
  NO_KEY,
  /** 404: the model or the URL does not exist. Systemic. */
  NOT_FOUND,
  /** 400 naming the model or a request parameter. Systemic. */
  BAD_PARAMETER,
  /** Another 4xx that concerns this request only (e.g. its context length). */
  BAD_REQUEST,
  /** 429 after every retry. */
  RATE_LIMITED,
  /** 5xx after every retry. */
  SERVER_ERROR,
  /** No response after every retry: refused connection, reset, timeout. */
  UNREACHABLE,
  /** HTTP 200 whose body is not a completion, after every retry. */
  MALFORMED,
  /** Not sent: the run was stopped by a systemic failure (see the stop marker). */
  STOPPED,
  /** Anything else (an invalid request, an unexpected error). */
  OTHER;

  /** Failures that every later request would repeat: the run stops instead of trying them all. */
  public boolean systemic() {
    return this == KEY_REFUSED || this == NO_KEY || this == NOT_FOUND || this == BAD_PARAMETER;
  }

  /**
   * Failures of the endpoint's health (after retries) that the circuit breaker's window counts:
   * 5xx, no response, and HTTP 200 bodies that are not completions (an endpoint answering garbage,
   * such as a proxy's HTML page, would otherwise retry every request to the end and never stop the
   * run).
   */
  public boolean unhealthy() {
    return this == SERVER_ERROR || this == UNREACHABLE || this == MALFORMED;
  }

  /** The value of failed.jsonl's {@code "kind"}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The kind whose {@link #label()} is {@code label} (as read back from a file); null if none. */
  public static FailureKind fromLabel(String label) {
    for (FailureKind k : values()) {
      if (k.label().equals(label)) {
        return k;
      }
    }
    return null;
  }

  /** The kind an HTTP status implies when nothing more specific is known (0: no response). */
  public static FailureKind ofStatus(int status) {
    if (status == 0) {
      return UNREACHABLE;
    }
    if (status == 401 || status == 403) {
      return KEY_REFUSED;
    }
    if (status == 404) {
      return NOT_FOUND;
    }
    if (status == 429) {
      return RATE_LIMITED;
    }
    if (status == 200) {
      return MALFORMED;
    }
    if (status >= 500) {
      return SERVER_ERROR;
    }
    return status >= 400 ? BAD_REQUEST : OTHER;
  }
}
