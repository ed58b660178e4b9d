package dev.tau.store.sqlite;

import dev.tau.core.session.SessionStore;
import dev.tau.testkit.store.SessionStoreConformance;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite on a real file, reopened from disk to prove persistence. */
class SqliteSessionStoreConformanceTest extends SessionStoreConformance {
  @TempDir Path dir;

  @Override
  protected SessionStore newStore(Clock clock) {
    return SqliteSessionStore.open(dir.resolve("sessions.db"), clock);
  }

  @Override
  protected SessionStore reopen(SessionStore store, Clock clock) {
    store.close();
    return newStore(clock);
  }
}
