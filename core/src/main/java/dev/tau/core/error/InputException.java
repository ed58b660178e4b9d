package dev.tau.core.error;

/** The user's input (flag, config file, prompt) is invalid; the message says how to fix it. */
public class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
