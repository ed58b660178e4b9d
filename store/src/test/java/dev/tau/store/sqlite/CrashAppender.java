package dev.tau.store.sqlite;

import dev.tau.core.model.Message;
import dev.tau.core.model.Usage;
import dev.tau.core.session.SessionEvent;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.StoredEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The child process of {@link SqliteCrashIT}: appends to several sessions from virtual threads
 * until it is killed, printing {@code <session> <seq>} for the last event of every acknowledged
 * append, and only after the append returned.
 */
public final class CrashAppender {
  /** Text size per message: large enough that the WAL is checkpointed during the run. */
  static final int TEXT_SIZE = 4096;

  private CrashAppender() {}

  public static void main(String[] args) throws InterruptedException {
    Path file = Path.of(args[0]);
    int writers = Integer.parseInt(args[1]);
    SqliteSessionStore store = SqliteSessionStore.open(file, Clock.systemUTC());
    Thread[] threads = new Thread[writers];
    for (int w = 0; w < writers; w++) {
      SessionId id = SessionId.of("crash-" + w);
      threads[w] = Thread.ofVirtual().start(() -> appendForever(store, id));
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private static void appendForever(SqliteSessionStore store, SessionId id) {
    Clock clock = Clock.systemUTC();
    for (long n = 1; ; n++) {
      List<StoredEvent> stored =
          store.append(
              id,
              List.of(
                  new SessionEvent.MessageAppended(clock.instant(), Message.user(text(id, n))),
                  new SessionEvent.UsageRecorded(
                      clock.instant(), "crash/model", new Usage(n, 1, 0))));
      long seq = stored.getLast().seq();
      synchronized (System.out) {
        System.out.println(id + " " + seq);
        System.out.flush();
      }
    }
  }

  /** The text of the {@code n}th append to {@code id}; the test recomputes it. */
  static String text(SessionId id, long n) {
    String head = id + " append " + n + " ";
    return head + "x".repeat(TEXT_SIZE - head.length());
  }
}
