package org.medinstruct.llm;

import java.util.Map;

/**
 * Counters a shared client accumulates on its own threads. Beam metrics can only be updated on a
 * bundle thread, so DoFns drain these (each unit is handed out exactly once) into their counters.
 */
public interface ClientCounters {
  /**
   * Counts since the last drain, by metric name ("requests", "retries", "http_429",
   * "spend_micro_usd").
   */
  Map<String, Long> drainCounters();
}
