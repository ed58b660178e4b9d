package dev.tau.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.model.Message;
import dev.tau.core.session.SessionEvent;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.SessionInfo;
import dev.tau.core.session.StoreException;
import dev.tau.core.session.StoredEvent;
import dev.tau.testkit.store.MutableClock;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the SQLite store promises: its file, schema, connection settings and refusals. */
class SqliteSessionStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final MutableClock clock = new MutableClock(T0);

  @TempDir Path dir;

  @Test
  void createsMissingParentDirectoriesAndTheFile() {
    Path file = dir.resolve("a/b/c/sessions.db");

    try (SqliteSessionStore store = SqliteSessionStore.open(file, clock)) {
      assertThat(store.file()).isEqualTo(file.toAbsolutePath());
    }

    assertThat(file).isRegularFile();
  }

  @Test
  void describeNamesTheBackendAndTheAbsolutePath() {
    Path file = dir.resolve("s.db");

    try (SqliteSessionStore store = SqliteSessionStore.open(file, clock)) {
      assertThat(store.describe()).isEqualTo("sqlite:" + file.toAbsolutePath());
    }
  }

  @Test
  void writesThroughWalWithFullSyncForeignKeysAndABusyTimeout() {
    try (SqliteSessionStore store = SqliteSessionStore.open(dir.resolve("s.db"), clock)) {
      assertThat(store.writerPragma("journal_mode")).isEqualTo("wal");
      assertThat(store.writerPragma("synchronous")).isEqualTo("2"); // FULL
      assertThat(store.writerPragma("foreign_keys")).isEqualTo("1");
      assertThat(Integer.parseInt(store.writerPragma("busy_timeout"))).isPositive();
    }
  }

  @Test
  void createsTheDocumentedSchemaAtVersionOne() throws SQLException {
    Path file = dir.resolve("s.db");
    SqliteSessionStore.open(file, clock).close();

    try (Connection db = raw(file)) {
      assertThat(strings(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"))
          .contains("flyway_schema_history", "session_events", "sessions");
      assertThat(strings(db, "SELECT name FROM pragma_table_info('sessions') ORDER BY cid"))
          .containsExactly("id", "created_at", "updated_at", "event_count");
      assertThat(strings(db, "SELECT name FROM pragma_table_info('session_events') ORDER BY cid"))
          .containsExactly("session_id", "seq", "kind", "at", "payload");
      assertThat(
              strings(
                  db,
                  "SELECT \"table\" || ':' || on_delete FROM pragma_foreign_key_list('session_events')"))
          .containsExactly("sessions:CASCADE");
      assertThat(strings(db, "SELECT name FROM pragma_index_list('sessions')"))
          .contains("sessions_by_updated_at");
      assertThat(
              strings(
                  db,
                  "SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL"))
          .containsExactly("1");
    }
  }

  @Test
  void storesEventsAsCodecJsonWithMillisecondColumns() throws SQLException {
    Path file = dir.resolve("s.db");
    Instant at = Instant.parse("2026-03-01T10:00:00.123456789Z");
    try (SqliteSessionStore store = SqliteSessionStore.open(file, clock)) {
      store.append(
          SessionId.of("raw"), List.of(new SessionEvent.MessageAppended(at, Message.user("hi"))));
    }

    try (Connection db = raw(file)) {
      assertThat(
              strings(
                  db,
                  "SELECT kind || '|' || at || '|' || json_extract(payload, '$.message.role')"
                      + " || '|' || json_extract(payload, '$.at') FROM session_events"))
          .containsExactly("message|" + at.toEpochMilli() + "|user|" + at);
      assertThat(strings(db, "SELECT created_at || '|' || event_count FROM sessions"))
          .containsExactly(T0.toEpochMilli() + "|1");
    }
  }

  @Test
  void deleteCascadesToTheEventRows() throws SQLException {
    Path file = dir.resolve("s.db");
    try (SqliteSessionStore store = SqliteSessionStore.open(file, clock)) {
      store.append(SessionId.of("gone"), List.of(user("1"), user("2")));
      store.append(SessionId.of("kept"), List.of(user("1")));
      store.delete(SessionId.of("gone"));
    }

    try (Connection db = raw(file)) {
      assertThat(strings(db, "SELECT session_id FROM session_events")).containsExactly("kept");
    }
  }

  @Test
  void refusesASchemaWrittenByANewerTau() throws SQLException {
    Path file = dir.resolve("s.db");
    SqliteSessionStore.open(file, clock).close();
    try (Connection db = raw(file);
        Statement st = db.createStatement()) {
      st.executeUpdate(
          // What a newer Tau's V2 migration leaves behind: a row for a script this build lacks.
          "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
              + " checksum, installed_by, installed_on, execution_time, success)"
              + " SELECT 2, '2', 'from the future', type, 'V2__from_the_future.sql', 1,"
              + " installed_by, installed_on, 1, 1 FROM flyway_schema_history WHERE version = '1'");
    }

    assertThatThrownBy(() -> SqliteSessionStore.open(file, clock))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("schema version 2")
        .hasMessageContaining("newer Tau")
        .hasMessageContaining("up to version 1");
  }

  @Test
  void refusesAFileThatIsNotSqliteAndLeavesItUntouched() throws Exception {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "these are my notes, not a database\n");

    assertThatThrownBy(() -> SqliteSessionStore.open(file, clock))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a SQLite database");
    assertThat(Files.readString(file)).isEqualTo("these are my notes, not a database\n");
  }

  @Test
  void refusesAFileWithASqliteHeaderAndGarbageAfterIt() throws Exception {
    Path file = dir.resolve("broken.db");
    byte[] bytes = new byte[8192];
    new Random(7).nextBytes(bytes);
    byte[] header = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(header, 0, bytes, 0, header.length);
    Files.write(file, bytes);

    assertThatThrownBy(() -> SqliteSessionStore.open(file, clock))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void reportsACorruptedDatabaseAsAStoreErrorNamingTheFile() throws Exception {
    Path file = dir.resolve("s.db");
    try (SqliteSessionStore store = SqliteSessionStore.open(file, clock)) {
      for (int i = 0; i < 50; i++) {
        store.append(SessionId.of("s" + i), List.of(user("x".repeat(500))));
      }
    }
    // Keep page 1 (the schema), scribble over every other page.
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] garbage = new byte[(int) raf.length() - 4096];
      new Random(11).nextBytes(garbage);
      raf.seek(4096);
      raf.write(garbage);
    }

    assertThatThrownBy(
            () -> {
              try (SqliteSessionStore store = SqliteSessionStore.open(file, clock)) {
                store.list();
                store.events(SessionId.of("s1"));
              }
            })
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void refusesADirectoryAsTheDatabaseFile() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("sessions.db"));

    assertThatThrownBy(() -> SqliteSessionStore.open(sub, clock))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(sub.toString())
        .hasMessageContaining("directory");
  }

  @Test
  void anUnreadableEventIsAStoreErrorNamingFileSessionAndSeq() throws SQLException {
    Path file = dir.resolve("s.db");
    try (SqliteSessionStore store = SqliteSessionStore.open(file, clock)) {
      store.append(SessionId.of("edited"), List.of(user("fine")));
    }
    try (Connection db = raw(file);
        Statement st = db.createStatement()) {
      st.executeUpdate("UPDATE session_events SET payload = '{\"kind\":\"mystery\",\"at\":\"x\"}'");
    }

    try (SqliteSessionStore store = SqliteSessionStore.open(file, clock)) {
      assertThatThrownBy(() -> store.events(SessionId.of("edited")))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("event 1 of session 'edited'");
    }
  }

  @Test
  void twoStoresOnOneFileSerialiseTheirAppends() throws Exception {
    // Two open stores stand for two Tau processes sharing the file.
    Path file = dir.resolve("shared.db");
    SessionId id = SessionId.of("shared");
    int writersPerStore = 4;
    int appendsEach = 15;
    try (SqliteSessionStore first = SqliteSessionStore.open(file, clock);
        SqliteSessionStore second = SqliteSessionStore.open(file, clock)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (SqliteSessionStore store : List.of(first, second)) {
          for (int w = 0; w < writersPerStore; w++) {
            futures.add(
                pool.submit(
                    () -> {
                      start.await();
                      for (int n = 0; n < appendsEach; n++) {
                        store.append(id, List.of(user("a"), user("b")));
                      }
                      return null;
                    }));
          }
        }
        start.countDown();
      }
      for (Future<?> future : futures) {
        future.get();
      }

      int total = 2 * writersPerStore * appendsEach * 2;
      assertThat(second.events(id))
          .extracting(StoredEvent::seq)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
      assertThat(first.find(id)).map(SessionInfo::eventCount).contains((long) total);
    }
  }

  @Test
  void anOnlineBackupIsAConsistentCopyTakenWhileWritersKeepWriting() throws Exception {
    Path db = dir.resolve("live.db");
    Path backup = dir.resolve("backups/sessions.db");
    try (SqliteSessionStore store = SqliteSessionStore.open(db, clock)) {
      for (int i = 0; i < 50; i++) {
        store.append(SessionId.of("s" + (i % 5)), List.of(user("m" + i)));
      }
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = 0; i < 200; i++) {
                      store.append(SessionId.of("busy"), List.of(user("w" + i)));
                    }
                  });
      store.backupTo(backup);
      writer.join();
    }
    try (SqliteSessionStore copy = SqliteSessionStore.open(backup, clock)) {
      assertThat(copy.list())
          .extracting(i -> i.id().value())
          .contains("s0", "s1", "s2", "s3", "s4");
      assertThat(copy.events(SessionId.of("s0"))).hasSize(10);
      long busy = copy.events(SessionId.of("busy")).size();
      assertThat(busy).isBetween(0L, 200L);
      assertThat(copy.find(SessionId.of("busy")).map(i -> i.eventCount()).orElse(0L))
          .isEqualTo(busy);
    }
    assertThat(dir.resolve("backups")).isDirectoryNotContaining("glob:**.backup-tmp");
  }

  private static SessionEvent user(String text) {
    return new SessionEvent.MessageAppended(T0, Message.user(text));
  }

  private static Connection raw(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  private static List<String> strings(Connection db, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
