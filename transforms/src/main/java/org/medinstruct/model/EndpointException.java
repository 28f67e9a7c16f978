package org.medinstruct.model;

/**
 * The endpoint refused the run (key, model or URL) or could not be reached: the launcher prints the
 * message, which names the cause and the fix, and exits with {@link ExitStatus#ENDPOINT_FAILED}.
 * Messages never carry the API key.
 */
public class EndpointException extends RuntimeException {
  public EndpointException(String message) {
    super(message);
  }

  public EndpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
