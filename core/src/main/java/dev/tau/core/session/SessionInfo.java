package dev.tau.core.session;

import java.time.Instant;
import java.util.Objects;

/** A session's summary as listed by a store. */
public record SessionInfo(SessionId id, Instant createdAt, Instant updatedAt, long eventCount) {
  public SessionInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
