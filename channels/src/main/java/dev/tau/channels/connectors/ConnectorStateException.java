package dev.tau.channels.connectors;

/**
 * The connector state file or an inbox file cannot be read or written. Not retryable by the
 * connectors themselves: the operator must fix the file or its permissions.
 */
public final class ConnectorStateException extends RuntimeException {
  public ConnectorStateException(String message) {
    super(message);
  }

  public ConnectorStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
