package org.medinstruct.llm;

import com.google.api.client.util.NanoClock;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells when the endpoint has died: every connection attempt refused for {@link
 * #DEAD_AFTER_SECONDS} with no HTTP response in between (a killed server, a closed port). Then a
 * request stops retrying at once instead of sleeping through the rest of its backoff (up to 30 s a
 * sleep, about 90 s for 8 retries), its failure counts as unreachable, and the circuit breaker
 * stops the run: a run whose endpoint was killed exits (status 5) within a minute instead of
 * minutes. A server that restarts within the window is ridden out by the ordinary retries. Shared
 * by all requests of one client.
 */
final class DeadEndpoint {
  static final int DEAD_AFTER_SECONDS = 15;
  private static final long NONE = Long.MIN_VALUE;

  private final NanoClock clock;

  /** When the current run of refusals began (NONE while responses arrive). */
  private final AtomicLong refusedSince = new AtomicLong(NONE);

  DeadEndpoint(NanoClock clock) {
    this.clock = clock;
  }

  /** Any HTTP response, whatever its status: the endpoint is alive. */
  void answered() {
    refusedSince.set(NONE);
  }

  /** A failed attempt; only a refused connection counts towards death. */
  void failed(IOException e) {
    if (e instanceof ConnectException) {
      refusedSince.compareAndSet(NONE, clock.nanoTime());
    }
  }

  /** True when connections have been refused, and nothing answered, for the whole window. */
  boolean dead() {
    long since = refusedSince.get();
    return since != NONE
        && clock.nanoTime() - since >= TimeUnit.SECONDS.toNanos(DEAD_AFTER_SECONDS);
  }
}
