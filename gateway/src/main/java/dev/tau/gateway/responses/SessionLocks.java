package dev.tau.gateway.responses;

import dev.tau.core.session.SessionId;
import dev.tau.gateway.http.ApiError;
import dev.tau.gateway.http.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One agent turn at a time per session: a turn loads the history, runs and appends, so two
 * overlapping turns on one session would each miss the other's messages. A second request waits
 * (bounded) and then gets 409 {@code session_busy}. Entries are removed when no one holds or waits.
 */
final class SessionLocks {
  /** A held session; close it to let the next turn in. */
  interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  private static final class Entry {
    final Semaphore permit = new Semaphore(1, true);
    int users;
  }

  private final Map<SessionId, Entry> entries = new ConcurrentHashMap<>();

  /**
   * Takes the session, waiting up to {@code wait}.
   *
   * @throws ApiError {@code session_busy} when another turn keeps it longer
   */
  Lease acquire(SessionId session, Duration wait) {
    Entry entry =
        entries.compute(
            session,
            (k, e) -> {
              Entry v = e == null ? new Entry() : e;
              v.users++;
              return v;
            });
    boolean acquired = false;
    try {
      acquired = entry.permit.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (!acquired) {
        release(session);
      }
    }
    if (!acquired) {
      throw new ApiError(
          ErrorCode.SESSION_BUSY,
          "session '"
              + session
              + "' is busy with another request; retry when it finishes or use another"
              + " metadata.session_id",
          "metadata.session_id",
          Duration.ofSeconds(1));
    }
    return new Lease() {
      private boolean closed;

      @Override
      public synchronized void close() {
        if (!closed) {
          closed = true;
          entry.permit.release();
          release(session);
        }
      }
    };
  }

  /** Sessions with a turn running or waiting (for tests and diagnostics). */
  int size() {
    return entries.size();
  }

  private void release(SessionId session) {
    entries.computeIfPresent(session, (k, e) -> --e.users == 0 ? null : e);
  }
}
