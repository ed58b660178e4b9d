package dev.tau.channels.connectors;

import java.util.Locale;

/** A channel's circuit breaker (tau-spec §5.14); {@code disabled} for a disabled channel. */
public enum BreakerState {
  CLOSED,
  OPEN,
  HALF_OPEN,
  DISABLED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static BreakerState fromWire(String text) {
    for (BreakerState state : values()) {
      if (state.wire().equals(text)) {
        return state;
      }
    }
    throw new IllegalArgumentException(
        "breaker_state must be one of closed|open|half_open|disabled");
  }
}
