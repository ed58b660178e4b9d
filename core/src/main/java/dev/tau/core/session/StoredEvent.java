package dev.tau.core.session;

import java.util.Objects;

/**
 * An event as stored, with its position in the session's log.
 *
 * @param seq 1-based position, strictly increasing within the session
 */
public record StoredEvent(long seq, SessionEvent event) {
  public StoredEvent {
    Objects.requireNonNull(event, "event");
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be at least 1");
    }
  }
}
