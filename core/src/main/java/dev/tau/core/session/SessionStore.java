package dev.tau.core.session;

import java.util.List;
import java.util.Optional;

/**
 * The session store SPI. A session is an ordered log of {@link SessionEvent}s. Implementations are
 * thread-safe; an {@link #append} that returns is durable (it survives a crash of the process).
 * Every implementation passes the testkit's {@code SessionStoreConformance} suite.
 */
public interface SessionStore extends AutoCloseable {

  /** Appends events in order, creating the session if needed; returns the stored events. */
  List<StoredEvent> append(SessionId id, List<SessionEvent> events);

  /** All events of a session in order; empty if the session does not exist. */
  List<StoredEvent> events(SessionId id);

  /** The last {@code limit} events in order ({@code limit <= 0} means all). */
  List<StoredEvent> recentEvents(SessionId id, int limit);

  /** The session's summary, if it exists. */
  Optional<SessionInfo> find(SessionId id);

  /** Every session, most recently updated first. */
  List<SessionInfo> list();

  /** Deletes a session and its events; returns whether it existed. */
  boolean delete(SessionId id);

  /** A short description for diagnostics, with no credentials in it. */
  String describe();

  @Override
  void close();
}
