package org.medinstruct.sim;

import java.util.Locale;

/**
 * A lasting fault of the {@link SimulatedLlmServer} (a test double for a paid API), for testing how
 * a run ends when its endpoint breaks. The first {@code after} chat completion requests are served
 * normally; from the next one on, the fault holds until the server is closed:
 *
 * <ul>
 *   <li>{@link Mode#HANG}: a chat request is read and never answered (the connection stays open);
 *       {@code GET /v1/models} still answers, as a proxy in front of a stuck model server does.
 *   <li>{@link Mode#DIE}: the server stops listening and cuts every open connection, as a killed
 *       process does (that request gets no response either).
 *   <li>{@link Mode#UNAUTHORIZED}: every request, on any path, gets 401 {@code invalid_api_key}
 *       (the key was revoked).
 *   <li>{@link Mode#GARBAGE}: a chat request gets HTTP 200 with a body that is not a chat
 *       completion, alternately an HTML error page and a completion cut off mid-JSON.
 * </ul>
 *
 * <p>Unlike {@link SimConfig#faultRate()}, whose faults are transient (a retry can succeed), these
 * never clear.
 */
public record SimFault(Mode mode, int after) {
  /** What the endpoint does once the fault starts. */
  public enum Mode {
    NONE,
    HANG,
    DIE,
    UNAUTHORIZED,
    GARBAGE;

    /** The option value: none, hang, die, unauthorized or garbage (any case). */
    public static Mode parse(String s) {
      try {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "--fault must be none, hang, die, unauthorized or garbage, not '" + s + "'");
      }
    }
  }

  public SimFault {
    if (mode == null) {
      throw new IllegalArgumentException("fault mode must not be null");
    }
    if (after < 0) {
      throw new IllegalArgumentException("--faultAfter must not be negative, got " + after);
    }
  }

  /** No lasting fault. */
  public static SimFault none() {
    return new SimFault(Mode.NONE, 0);
  }

  /** True for the chat request with this 1-based arrival number. */
  boolean hits(long chatRequest) {
    return mode != Mode.NONE && chatRequest > after;
  }

  @Override
  public String toString() {
    return mode == Mode.NONE
        ? "none"
        : mode.name().toLowerCase(Locale.ROOT) + " after " + after + " chat requests";
  }
}
