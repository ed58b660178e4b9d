package dev.tau.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.session.StoreException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationLockTest {
  @TempDir Path dir;

  @Test
  void openingADatabaseLeavesItsLockFileUnlocked() throws Exception {
    Path db = dir.resolve("sessions.db");

    SqliteSessionStore.open(db, Clock.systemUTC()).close();

    Path lockFile = dir.resolve("sessions.db.lock");
    assertThat(MigrationLock.lockFile(db)).isEqualTo(lockFile);
    assertThat(lockFile).isRegularFile();
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      assertThat(lock).as("released after set-up").isNotNull();
    }
  }

  @Test
  void aLockHeldElsewhereFailsVisiblyAfterTheWaitNamingTheLockFile() throws Exception {
    Path db = dir.resolve("sessions.db");
    Path lockFile = MigrationLock.lockFile(db);
    // Another channel's lock stands in for another process that is stuck while holding it.
    try (FileChannel other =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = other.lock()) {
      assertThatThrownBy(() -> MigrationLock.acquire(db, Duration.ofMillis(50)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("is being set up by another process that has held " + lockFile)
          .hasMessageContaining("for over 50 ms");
    }
    // the failed attempt let go of the thread lock: the next one succeeds
    MigrationLock.acquire(db, Duration.ofMillis(50)).close();
  }
}
