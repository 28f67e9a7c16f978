package org.medinstruct.llm;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.function.LongSupplier;
import org.medinstruct.model.FailureKind;
import org.medinstruct.progress.StopMarker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's gate in front of the endpoint, so that a systemic failure stops the whole run in
 * seconds instead of failing every record on its own.
 *
 * <p>Before a request is sent ({@link #admit}): a stopped run fails it at once, without sending
 * (kind {@link FailureKind#STOPPED}); the run is stopped when this worker's {@link CircuitBreaker}
 * tripped or any worker's {@link StopMarker} is in the progress directory (checked at most every
 * {@value #MARKER_CHECK_MILLIS} ms). Until its first success a worker keeps at most {@code
 * probeRequests} requests in flight. A worker without a key while the launcher had one stops the
 * run before sending anything. After a request ({@link #release}) its outcome feeds the breaker; a
 * trip writes the marker once and logs the cause once.
 */
final class SystemicStop {
  private static final Logger LOG = LoggerFactory.getLogger(SystemicStop.class);
  static final long MARKER_CHECK_MILLIS = 500;

  private final StopSettings settings;
  private final CircuitBreaker breaker;
  private final String progressDir;
  private final boolean hasKey;
  private final String url;
  private final String keySource;
  private final LongSupplier clockMillis;
  private boolean confirmed;
  private int probing;
  private long markerCheckedAt;
  private boolean markerChecked;
  private volatile String stoppedBecause;

  SystemicStop(
      StopSettings settings,
      String progressDir,
      boolean hasKey,
      String url,
      String keySource,
      LongSupplier clockMillis) {
    this.settings = settings == null ? StopSettings.defaults(false) : settings;
    this.breaker = CircuitBreaker.of(this.settings);
    this.progressDir = progressDir;
    this.hasKey = hasKey;
    this.url = url;
    this.keySource = keySource;
    this.clockMillis = clockMillis;
  }

  /**
   * Waits for a probe slot while this worker has had no success yet; returns whether the caller
   * holds one (pass it to {@link #release}). Throws when the run is stopped.
   */
  synchronized boolean admit() throws InterruptedException {
    check();
    if (settings.keyExpected() && !hasKey) {
      String error =
          "no API key on this worker ("
              + keySource
              + " is not set here) though the launcher has one";
      trip(breaker.onFailure(FailureKind.NO_KEY, 0, error));
      throw new LlmException(error, 0, false, 0, FailureKind.NO_KEY);
    }
    while (!confirmed && probing >= settings.probeRequests()) {
      wait(MARKER_CHECK_MILLIS);
      check();
    }
    if (confirmed) {
      return false;
    }
    probing++;
    return true;
  }

  /** Fails fast when the run is stopped; called before every attempt, retries included. */
  synchronized void check() {
    if (stoppedBecause == null && progressDir != null) {
      long now = clockMillis.getAsLong();
      if (!markerChecked || now - markerCheckedAt >= MARKER_CHECK_MILLIS) {
        markerChecked = true;
        markerCheckedAt = now;
        JsonObject marker = StopMarker.read(progressDir);
        if (marker != null) {
          stoppedBecause =
              marker.has("error")
                  ? marker.get("error").getAsString()
                  : "another worker stopped the run";
        }
      }
    }
    if (stoppedBecause != null) {
      notifyAll();
      throw new LlmException(
          "not sent: the run was stopped (" + stoppedBecause + ")",
          0,
          false,
          0,
          FailureKind.STOPPED);
    }
  }

  /** Records how a request ended: {@code error} null for a completion. */
  synchronized void release(boolean probe, LlmException error) {
    if (probe) {
      probing--;
    }
    if (error == null) {
      confirmed = true;
      breaker.onSuccess();
    } else {
      trip(breaker.onFailure(error.kind(), error.status(), error.getMessage()));
    }
    notifyAll();
  }

  boolean stopped() {
    return stoppedBecause != null;
  }

  private void trip(CircuitBreaker.Trip trip) {
    if (trip == null || stoppedBecause != null) {
      return;
    }
    stoppedBecause = trip.kind().label() + ": " + trip.error();
    LOG.error("stopping the run: {} ({}); no further request is sent", trip.error(), trip.rule());
    if (progressDir == null) {
      return;
    }
    JsonObject o = new JsonObject();
    o.addProperty("kind", trip.kind().label());
    o.addProperty("status", trip.status());
    o.addProperty("error", trip.error());
    o.addProperty("rule", trip.rule());
    o.addProperty("url", url);
    o.addProperty("worker_has_key", hasKey);
    o.addProperty("key_source", keySource);
    o.addProperty("launcher_has_key", settings.keyExpected());
    try {
      StopMarker.write(progressDir, o);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "could not write the stop marker into {} ({}): other workers stop on their own breakers",
          progressDir,
          e.getClass().getSimpleName());
    }
  }
}
