package dev.tau.channels;

import java.util.Locale;
import java.util.Optional;

/** What an inbound event is. Live normalisation yields only {@code message} and {@code command}. */
public enum EventKind {
  MESSAGE,
  EDIT,
  COMMAND,
  SYSTEM;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<EventKind> parse(String text) {
    for (EventKind k : values()) {
      if (k.wire().equals(text.strip())) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** {@code command} when the text (trimmed) starts with {@code /}, else {@code message}. */
  public static EventKind fromText(String text) {
    return text.strip().startsWith("/") ? COMMAND : MESSAGE;
  }
}
