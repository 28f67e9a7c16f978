package org.medinstruct.model;

/**
 * A run that ended without doing all that was asked, though it wrote what it finished (target not
 * met, budget stop): the launcher prints the message and exits with {@link #status()}.
 */
public class RunStatusException extends RuntimeException {
  private final ExitStatus status;

  public RunStatusException(ExitStatus status, String message) {
    super(message);
    this.status = status;
  }

  public ExitStatus status() {
    return status;
  }
}
