package dev.tau.channels.connectors;

import java.util.Locale;
import java.util.Optional;

/** How a connector receives a platform's messages (tau-spec §5.14). */
public enum IngressMode {
  DISABLED,
  POLLING,
  WEBHOOK;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named by {@code text} (trimmed, any case), if it is one. */
  public static Optional<IngressMode> parse(String text) {
    String value = text.strip();
    for (IngressMode mode : values()) {
      if (mode.wire().equalsIgnoreCase(value)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
