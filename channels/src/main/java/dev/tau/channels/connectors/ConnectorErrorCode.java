package dev.tau.channels.connectors;

import java.util.Locale;

/**
 * A connector error as recorded in {@code last_error_code} (tau-spec §5.14). Each code feeds one
 * counter: auth-type codes {@code auth_failures}, {@code parse_failed} {@code parse_failures}, the
 * rest {@code provider_failures}.
 */
public enum ConnectorErrorCode {
  MISSING_CONFIG(Counter.PROVIDER),
  AUTH_FAILED(Counter.AUTH),
  RATE_LIMITED(Counter.PROVIDER),
  PROVIDER_UNAVAILABLE(Counter.PROVIDER),
  TRANSPORT_ERROR(Counter.PROVIDER),
  PARSE_FAILED(Counter.PARSE),
  INVALID_SIGNATURE(Counter.AUTH),
  INVALID_WEBHOOK_VERIFICATION(Counter.AUTH),
  /** A poll that ended in an unexpected error (a bug or a bad setting); the loop goes on. */
  POLL_ERROR(Counter.PROVIDER),
  /** A poll skipped because the channel's breaker is open; recorded, never counted. */
  CIRCUIT_OPEN(Counter.NONE);

  enum Counter {
    AUTH,
    PARSE,
    PROVIDER,
    NONE
  }

  private final Counter counter;

  ConnectorErrorCode(Counter counter) {
    this.counter = counter;
  }

  Counter counter() {
    return counter;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
