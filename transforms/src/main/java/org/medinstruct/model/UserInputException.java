package org.medinstruct.model;

/**
 * Bad input or a bad command line: the launcher prints the message (which names the file and the
 * record, or the option) and exits with status 2, having written nothing under --output.
 */
public class UserInputException extends RuntimeException {
  public UserInputException(String message) {
    super(message);
  }

  public UserInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
