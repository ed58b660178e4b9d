package dev.tau.channels.connectors;

import java.util.Locale;

/** A connector channel's liveness as the status reports it (tau-spec §5.14). */
public enum Liveness {
  /** The channel's mode is {@code disabled}. */
  DISABLED,
  /** The breaker is open and its cool-down has not passed. */
  OPEN,
  /** The breaker's cool-down has passed, or it is half-open: the next poll is a probe. */
  RECOVERING,
  /** The last success is no older than the last error. */
  HEALTHY,
  /** An error happened after the last success. */
  DEGRADED,
  /** Nothing has happened yet. */
  IDLE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
