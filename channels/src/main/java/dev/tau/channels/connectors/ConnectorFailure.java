package dev.tau.channels.connectors;

/**
 * A poll that failed after its retries: the code recorded in the channel state and whether the
 * failure counts against the retry budget. The message never holds a token or a request URL.
 */
final class ConnectorFailure extends Exception {
  private final ConnectorErrorCode code;
  private final boolean retryable;

  ConnectorFailure(ConnectorErrorCode code, boolean retryable, String message) {
    super(message, null, false, false);
    this.code = code;
    this.retryable = retryable;
  }

  ConnectorErrorCode code() {
    return code;
  }

  boolean retryable() {
    return retryable;
  }
}
