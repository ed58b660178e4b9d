package dev.tau.testkit.agent;

import dev.tau.core.session.SessionEvent;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.SessionInfo;
import dev.tau.core.session.SessionStore;
import dev.tau.core.session.StoredEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-memory {@link SessionStore} for tests of code that uses the store SPI (the agent's session
 * runner, the CLI). It also counts {@link #append} calls, so a test can check an exchange was
 * written in one append.
 */
public final class FakeSessionStore implements SessionStore {
  private final Clock clock;
  private final Map<SessionId, Session> sessions = new LinkedHashMap<>();
  private int appendCalls;

  private static final class Session {
    final Instant createdAt;
    Instant updatedAt;
    final List<StoredEvent> events = new ArrayList<>();

    Session(Instant now) {
      this.createdAt = now;
      this.updatedAt = now;
    }
  }

  public FakeSessionStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized List<StoredEvent> append(SessionId id, List<SessionEvent> events) {
    Objects.requireNonNull(id, "id");
    appendCalls++;
    Instant now = clock.instant();
    Session session = sessions.computeIfAbsent(id, k -> new Session(now));
    List<StoredEvent> stored = new ArrayList<>();
    for (SessionEvent event : events) {
      StoredEvent s = new StoredEvent(session.events.size() + 1L, event);
      session.events.add(s);
      stored.add(s);
    }
    session.updatedAt = now;
    return List.copyOf(stored);
  }

  @Override
  public synchronized List<StoredEvent> events(SessionId id) {
    Session session = sessions.get(id);
    return session == null ? List.of() : List.copyOf(session.events);
  }

  @Override
  public synchronized List<StoredEvent> recentEvents(SessionId id, int limit) {
    List<StoredEvent> all = events(id);
    return limit <= 0 || limit >= all.size() ? all : all.subList(all.size() - limit, all.size());
  }

  @Override
  public synchronized Optional<SessionInfo> find(SessionId id) {
    Session s = sessions.get(id);
    return s == null
        ? Optional.empty()
        : Optional.of(new SessionInfo(id, s.createdAt, s.updatedAt, s.events.size()));
  }

  @Override
  public synchronized List<SessionInfo> list() {
    return sessions.keySet().stream()
        .map(id -> find(id).orElseThrow())
        .sorted(Comparator.comparing(SessionInfo::updatedAt).reversed())
        .toList();
  }

  @Override
  public synchronized boolean delete(SessionId id) {
    return sessions.remove(id) != null;
  }

  /** How many times {@link #append} was called. */
  public synchronized int appendCalls() {
    return appendCalls;
  }

  @Override
  public String describe() {
    return "fake-memory";
  }

  @Override
  public void close() {}
}
