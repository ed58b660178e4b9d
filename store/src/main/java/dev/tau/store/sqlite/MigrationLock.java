package dev.tau.store.sqlite;

import dev.tau.core.session.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the set-up (header check and schema migration) of one database file across threads and
 * processes: an exclusive lock on {@code <db>.lock} next to the database, taken by one thread of
 * this JVM at a time (a JVM may hold a file lock only once, so threads queue on a {@link
 * ReentrantLock} first). The operating system drops the file lock when a process dies, so a crash
 * never leaves a database locked; the lock file itself stays, since deleting it would race with a
 * process about to lock it.
 */
final class MigrationLock implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(10);
  private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final ReentrantLock threadLock;
  private final FileChannel channel;

  private MigrationLock(ReentrantLock threadLock, FileChannel channel) {
    this.threadLock = threadLock;
    this.channel = channel;
  }

  /** The lock file of {@code database}: the same name with {@code .lock} appended. */
  static Path lockFile(Path database) {
    return database.resolveSibling(database.getFileName() + ".lock");
  }

  /**
   * Waits until this thread holds the set-up lock of {@code database} (an absolute, normalised
   * path).
   *
   * @throws StoreException naming the lock file when it cannot be created or locked
   */
  static MigrationLock acquire(Path database) {
    return acquire(database, WAIT);
  }

  /** {@link #acquire(Path)} giving up after {@code wait}; tests use a short one. */
  static MigrationLock acquire(Path database, Duration wait) {
    ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(database, p -> new ReentrantLock());
    threadLock.lock();
    Path lockFile = lockFile(database);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      waitForFileLock(channel, lockFile, database, wait);
      return new MigrationLock(threadLock, channel);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      threadLock.unlock();
      if (e instanceof StoreException store) {
        throw store;
      }
      throw new StoreException(
          "cannot lock " + lockFile + " to set up session database " + database + ": " + e, e);
    }
  }

  /**
   * Set-up takes milliseconds, so a process that holds the lock for {@code wait} is stuck (or
   * stopped); fail visibly rather than hang.
   */
  private static void waitForFileLock(
      FileChannel channel, Path lockFile, Path database, Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!tryLock(channel)) {
      if (System.nanoTime() - deadline > 0) {
        throw new StoreException(
            "session database "
                + database
                + " is being set up by another process that has held "
                + lockFile
                + " for over "
                + wait.toMillis()
                + " ms; stop that process or try again");
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException(
            "interrupted while waiting for " + lockFile + " to open session database " + database,
            e);
      }
    }
  }

  private static boolean tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock() != null;
    } catch (OverlappingFileLockException e) {
      // this JVM holds it through another path to the same file (a symlink): wait like for others
      return false;
    }
  }

  /** Releases the file lock (closing the channel does) and lets the next thread in. */
  @Override
  public void close() {
    try {
      closeQuietly(channel);
    } finally {
      threadLock.unlock();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Closing releases the lock even when it reports an error; nothing else to undo.
    }
  }
}
