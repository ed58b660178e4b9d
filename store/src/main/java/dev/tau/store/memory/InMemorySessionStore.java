package dev.tau.store.memory;

import dev.tau.core.session.SessionEvent;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.SessionInfo;
import dev.tau.core.session.SessionStore;
import dev.tau.core.session.StoreException;
import dev.tau.core.session.StoredEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A session store held in memory (backend {@code memory}). Nothing survives the process: use it for
 * tests and throw-away runs. Timestamps are the clock's, truncated to milliseconds like the
 * persistent stores.
 */
public final class InMemorySessionStore implements SessionStore {
  private final Clock clock;
  // One lock for the whole store: appends are cheap, and it keeps list() a consistent snapshot.
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<SessionId, Session> sessions = new HashMap<>();
  private boolean closed;

  public InMemorySessionStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<StoredEvent> append(SessionId id, List<SessionEvent> events) {
    Objects.requireNonNull(id, "id");
    List<SessionEvent> batch = List.copyOf(events);
    if (batch.isEmpty()) {
      return List.of();
    }
    return write(
        () -> {
          Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
          Session session = sessions.computeIfAbsent(id, k -> new Session(now));
          List<StoredEvent> stored = new ArrayList<>(batch.size());
          for (SessionEvent event : batch) {
            StoredEvent entry = new StoredEvent(session.events.size() + 1L, event);
            session.events.add(entry);
            stored.add(entry);
          }
          session.updatedAt = now;
          return List.copyOf(stored);
        });
  }

  @Override
  public List<StoredEvent> events(SessionId id) {
    return recentEvents(id, 0);
  }

  @Override
  public List<StoredEvent> recentEvents(SessionId id, int limit) {
    Objects.requireNonNull(id, "id");
    return read(
        () -> {
          Session session = sessions.get(id);
          if (session == null) {
            return List.of();
          }
          int size = session.events.size();
          int from = limit <= 0 ? 0 : Math.max(0, size - limit);
          return List.copyOf(session.events.subList(from, size));
        });
  }

  @Override
  public Optional<SessionInfo> find(SessionId id) {
    Objects.requireNonNull(id, "id");
    return read(() -> Optional.ofNullable(sessions.get(id)).map(s -> s.info(id)));
  }

  @Override
  public List<SessionInfo> list() {
    return read(
        () ->
            sessions.entrySet().stream()
                .map(e -> e.getValue().info(e.getKey()))
                .sorted(
                    Comparator.comparing(SessionInfo::updatedAt)
                        .reversed()
                        .thenComparing(info -> info.id().value()))
                .toList());
  }

  @Override
  public boolean delete(SessionId id) {
    Objects.requireNonNull(id, "id");
    return write(() -> sessions.remove(id) != null);
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      sessions.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private <T> T read(Supplier<T> action) {
    lock.readLock().lock();
    try {
      ensureOpen();
      return action.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T write(Supplier<T> action) {
    lock.writeLock().lock();
    try {
      ensureOpen();
      return action.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("the memory session store is closed");
    }
  }

  /** One session's mutable state, guarded by the store's lock. */
  private static final class Session {
    private final Instant createdAt;
    private Instant updatedAt;
    private final List<StoredEvent> events = new ArrayList<>();

    Session(Instant createdAt) {
      this.createdAt = createdAt;
      this.updatedAt = createdAt;
    }

    SessionInfo info(SessionId id) {
      return new SessionInfo(id, createdAt, updatedAt, events.size());
    }
  }
}
