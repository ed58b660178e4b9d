package dev.tau.store.sqlite;

import dev.tau.core.json.Json;
import dev.tau.core.json.MessageCodec;
import dev.tau.core.session.SessionEvent;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.SessionInfo;
import dev.tau.core.session.SessionStore;
import dev.tau.core.session.StoreException;
import dev.tau.core.session.StoredEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A session store in one SQLite file (backend {@code sqlite}), for a single machine.
 *
 * <p>Durability: the file runs in WAL mode with {@code synchronous=FULL}, and every {@link #append}
 * is one transaction, so an append that returned survives a crash of the process (and, as far as
 * the disk honours fsync, of the machine). There is exactly one write connection, guarded by a
 * lock; reads use a second, read-only connection. JNI calls pin virtual threads, so both critical
 * sections are kept short and JSON encoding happens outside them.
 *
 * <p>The schema is created and upgraded with Flyway from {@code db/migration/sqlite}. A file whose
 * schema is newer than this build, or that is not a SQLite database, is refused with a {@link
 * StoreException} naming the file.
 */
public final class SqliteSessionStore implements SessionStore {
  private static final String MIGRATIONS = "classpath:db/migration/sqlite";
  private static final byte[] SQLITE_HEADER =
      "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  // Long enough to ride out another process's write or checkpoint; short enough to fail visibly.
  private static final int BUSY_TIMEOUT_MS = 5_000;

  private final Path file;
  private final Clock clock;
  private final Connection writer;
  private final Connection reader;
  private final String schemaVersion;
  // Fair, so no appender starves behind a stream of others on a busy session.
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final ReentrantLock readLock = new ReentrantLock();
  private volatile boolean closed;

  private SqliteSessionStore(
      Path file, Clock clock, Connection writer, Connection reader, String schemaVersion) {
    this.schemaVersion = schemaVersion;
    this.file = file;
    this.clock = clock;
    this.writer = writer;
    this.reader = reader;
  }

  /**
   * Opens (creating if missing, with its parent directories) and migrates the database at {@code
   * file}.
   *
   * @throws StoreException naming the file when it cannot be created, is not a SQLite database, has
   *     a schema from a newer Tau, or cannot be migrated
   */
  public static SqliteSessionStore open(Path file, Clock clock) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(clock, "clock");
    Path path = file.toAbsolutePath().normalize();
    prepareDirectory(path);
    // Flyway takes no lock of its own on SQLite: two processes opening a new file at once both
    // see an empty schema and both run V1, and one fails. Creating and migrating is serialised.
    String schemaVersion;
    try (MigrationLock lock = MigrationLock.acquire(path)) {
      checkHeader(path);
      schemaVersion = migrate(path);
    }
    Connection writer = null;
    try {
      writer = writerConfig().createConnection(jdbcUrl(path));
      Connection reader = readerConfig().createConnection(jdbcUrl(path));
      return new SqliteSessionStore(path, clock, writer, reader, schemaVersion);
    } catch (SQLException e) {
      closeQuietly(writer);
      throw new StoreException("cannot open session database " + path + ": " + e.getMessage(), e);
    }
  }

  /** The schema version after migrating, for example {@code 1} (what {@code doctor} shows). */
  public String schemaVersion() {
    return schemaVersion;
  }

  /** The absolute path of the database file. */
  public Path file() {
    return file;
  }

  @Override
  public List<StoredEvent> append(SessionId id, List<SessionEvent> events) {
    Objects.requireNonNull(id, "id");
    List<SessionEvent> batch = List.copyOf(events);
    if (batch.isEmpty()) {
      return List.of();
    }
    // Encode before taking the lock: the lock guards only the database work.
    List<String> payloads =
        batch.stream().map(e -> Json.write(MessageCodec.eventToJson(e))).toList();
    writeLock.lock();
    try {
      ensureOpen();
      long now = clock.instant().toEpochMilli();
      try (Statement tx = writer.createStatement()) {
        // IMMEDIATE takes the write lock up front, so another process cannot force a rollback
        // half-way; explicit BEGIN/COMMIT keeps the driver from opening a new transaction after.
        tx.execute("BEGIN IMMEDIATE");
        try {
          long count = lockedEventCount(id, now);
          List<StoredEvent> stored = insertEvents(id, batch, payloads, count);
          try (PreparedStatement update =
              writer.prepareStatement(
                  "UPDATE sessions SET updated_at = ?, event_count = ? WHERE id = ?")) {
            update.setLong(1, now);
            update.setLong(2, count + batch.size());
            update.setString(3, id.value());
            update.executeUpdate();
          }
          tx.execute("COMMIT");
          return stored;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(tx, e);
          throw e;
        }
      }
    } catch (SQLException e) {
      throw failure("append to session '" + id + "'", e);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public List<StoredEvent> events(SessionId id) {
    return recentEvents(id, 0);
  }

  @Override
  public List<StoredEvent> recentEvents(SessionId id, int limit) {
    Objects.requireNonNull(id, "id");
    String sql =
        limit <= 0
            ? "SELECT seq, payload FROM session_events WHERE session_id = ? ORDER BY seq"
            : "SELECT seq, payload FROM (SELECT seq, payload FROM session_events"
                + " WHERE session_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq";
    List<StoredRow> rows = new ArrayList<>();
    readLock.lock();
    try {
      ensureOpen();
      try (PreparedStatement query = reader.prepareStatement(sql)) {
        query.setString(1, id.value());
        if (limit > 0) {
          query.setInt(2, limit);
        }
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            rows.add(new StoredRow(rs.getLong(1), rs.getString(2)));
          }
        }
      }
    } catch (SQLException e) {
      throw failure("read session '" + id + "'", e);
    } finally {
      readLock.unlock();
    }
    // Decode outside the lock, like append encodes outside it.
    return rows.stream().map(row -> row.decode(file, id)).toList();
  }

  @Override
  public Optional<SessionInfo> find(SessionId id) {
    Objects.requireNonNull(id, "id");
    readLock.lock();
    try {
      ensureOpen();
      try (PreparedStatement query =
          reader.prepareStatement(
              "SELECT id, created_at, updated_at, event_count FROM sessions WHERE id = ?")) {
        query.setString(1, id.value());
        try (ResultSet rs = query.executeQuery()) {
          return rs.next() ? Optional.of(info(rs)) : Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw failure("find session '" + id + "'", e);
    } finally {
      readLock.unlock();
    }
  }

  @Override
  public List<SessionInfo> list() {
    readLock.lock();
    try {
      ensureOpen();
      try (PreparedStatement query =
              reader.prepareStatement(
                  "SELECT id, created_at, updated_at, event_count FROM sessions"
                      + " ORDER BY updated_at DESC, id");
          ResultSet rs = query.executeQuery()) {
        List<SessionInfo> sessions = new ArrayList<>();
        while (rs.next()) {
          sessions.add(info(rs));
        }
        return List.copyOf(sessions);
      }
    } catch (SQLException e) {
      throw failure("list sessions", e);
    } finally {
      readLock.unlock();
    }
  }

  @Override
  public boolean delete(SessionId id) {
    Objects.requireNonNull(id, "id");
    writeLock.lock();
    try {
      ensureOpen();
      // One statement is one transaction; the foreign key cascades to session_events.
      try (PreparedStatement delete =
          writer.prepareStatement("DELETE FROM sessions WHERE id = ?")) {
        delete.setString(1, id.value());
        return delete.executeUpdate() > 0;
      }
    } catch (SQLException e) {
      throw failure("delete session '" + id + "'", e);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Copies the whole database to {@code target} with SQLite's online backup API: consistent while
   * other connections (a running gateway) keep writing. The copy is written next to the target and
   * renamed into place, so a crash never leaves a half-written backup under the target name.
   */
  public void backupTo(Path target) {
    Objects.requireNonNull(target, "target");
    Path absolute = target.toAbsolutePath();
    Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".backup-tmp");
    readLock.lock();
    try {
      ensureOpen();
      java.nio.file.Files.createDirectories(absolute.getParent());
      java.nio.file.Files.deleteIfExists(temp);
      try (java.sql.Statement statement = reader.createStatement()) {
        statement.executeUpdate("backup to '" + temp.toString().replace("'", "''") + "'");
      }
      java.nio.file.Files.move(
          temp,
          absolute,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (SQLException e) {
      throw failure("back up to " + absolute, e);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot write backup " + absolute + ": " + e.getMessage(), e);
    } finally {
      readLock.unlock();
      try {
        java.nio.file.Files.deleteIfExists(temp);
      } catch (java.io.IOException ignored) {
        // the temp file is hidden and replaced by the next backup
      }
    }
  }

  @Override
  public String describe() {
    // A file path only: SQLite has no credentials, and nothing else is ever added here.
    return "sqlite:" + file;
  }

  @Override
  public void close() {
    writeLock.lock();
    readLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closeQuietly(reader);
      closeQuietly(writer);
    } finally {
      readLock.unlock();
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "SqliteSessionStore[" + file + "]";
  }

  /** A pragma's value as seen by the write connection, for tests of the connection settings. */
  String writerPragma(String name) {
    writeLock.lock();
    try (Statement statement = writer.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getString(1) : "";
    } catch (SQLException e) {
      throw failure("read pragma " + name, e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Creates the session row when missing; returns how many events the session already has. */
  private long lockedEventCount(SessionId id, long now) throws SQLException {
    try (PreparedStatement query =
        writer.prepareStatement("SELECT event_count FROM sessions WHERE id = ?")) {
      query.setString(1, id.value());
      try (ResultSet rs = query.executeQuery()) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
    }
    try (PreparedStatement insert =
        writer.prepareStatement(
            "INSERT INTO sessions (id, created_at, updated_at, event_count) VALUES (?, ?, ?, 0)")) {
      insert.setString(1, id.value());
      insert.setLong(2, now);
      insert.setLong(3, now);
      insert.executeUpdate();
    }
    return 0;
  }

  private List<StoredEvent> insertEvents(
      SessionId id, List<SessionEvent> batch, List<String> payloads, long count)
      throws SQLException {
    List<StoredEvent> stored = new ArrayList<>(batch.size());
    try (PreparedStatement insert =
        writer.prepareStatement(
            "INSERT INTO session_events (session_id, seq, kind, at, payload)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < batch.size(); i++) {
        SessionEvent event = batch.get(i);
        long seq = count + i + 1;
        insert.setString(1, id.value());
        insert.setLong(2, seq);
        insert.setString(3, event.kind());
        insert.setLong(4, event.at().toEpochMilli());
        insert.setString(5, payloads.get(i));
        insert.executeUpdate();
        stored.add(new StoredEvent(seq, event));
      }
    }
    return List.copyOf(stored);
  }

  private static SessionInfo info(ResultSet rs) throws SQLException {
    return new SessionInfo(
        SessionId.of(rs.getString(1)),
        Instant.ofEpochMilli(rs.getLong(2)),
        Instant.ofEpochMilli(rs.getLong(3)),
        rs.getLong(4));
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("session database " + file + " is closed");
    }
  }

  private StoreException failure(String action, SQLException e) {
    return new StoreException(
        "session database " + file + ": cannot " + action + ": " + e.getMessage(), e);
  }

  private static void rollbackQuietly(Statement tx, Exception cause) {
    try {
      tx.execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite may already have rolled back (for example on SQLITE_FULL); keep the first error.
      cause.addSuppressed(e);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing is best effort; every acknowledged append is already committed.
    }
  }

  private static void prepareDirectory(Path path) {
    if (Files.isDirectory(path)) {
      throw new StoreException("session database " + path + " is a directory, not a file");
    }
    Path parent = path.getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException(
          "cannot create directory " + parent + " for session database " + path + ": " + e, e);
    }
  }

  /** Refuses a non-empty file that does not start with SQLite's magic header. */
  private static void checkHeader(Path path) {
    if (!Files.isRegularFile(path)) {
      return;
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] head = in.readNBytes(SQLITE_HEADER.length);
      if (head.length > 0 && !Arrays.equals(head, SQLITE_HEADER)) {
        throw new StoreException(
            "session database "
                + path
                + " is not a SQLite database (bad file header); move it aside or choose another"
                + " file");
      }
    } catch (IOException e) {
      throw new StoreException("cannot read session database " + path + ": " + e, e);
    }
  }

  /** Applies pending migrations; returns the schema version now in place. */
  private static String migrate(Path path) {
    SQLiteDataSource dataSource = new SQLiteDataSource(writerConfig());
    dataSource.setUrl(jdbcUrl(path));
    try {
      Flyway flyway =
          Flyway.configure(SqliteSessionStore.class.getClassLoader())
              .dataSource(dataSource)
              .locations(MIGRATIONS)
              .failOnMissingLocations(true)
              .placeholderReplacement(false)
              .cleanDisabled(true)
              .load();
      refuseNewerSchema(path, flyway.info().all());
      flyway.migrate();
      MigrationInfo current = flyway.info().current();
      return current == null || current.getVersion() == null
          ? "none"
          : current.getVersion().getVersion();
    } catch (FlywayException e) {
      throw new StoreException(
          "cannot open session database " + path + ": " + firstLine(e.getMessage()), e);
    }
  }

  /**
   * Flyway ignores applied migrations it does not know ("future" ones) by default; a newer Tau may
   * have changed the tables in ways this build cannot read, so refuse instead.
   */
  private static void refuseNewerSchema(Path path, MigrationInfo[] migrations) {
    MigrationVersion known = MigrationVersion.EMPTY;
    MigrationVersion newest = null;
    for (MigrationInfo migration : migrations) {
      MigrationState state = migration.getState();
      if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
        if (newest == null || migration.getVersion().isNewerThan(newest)) {
          newest = migration.getVersion();
        }
      } else if (migration.getVersion() != null && migration.getVersion().isNewerThan(known)) {
        known = migration.getVersion();
      }
    }
    if (newest != null) {
      throw new StoreException(
          "session database "
              + path
              + " has schema version "
              + newest
              + ", written by a newer Tau; this Tau knows up to version "
              + known
              + ". Upgrade Tau, or use another database file");
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }

  private static String jdbcUrl(Path path) {
    return "jdbc:sqlite:" + path;
  }

  private static SQLiteConfig writerConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // FULL syncs the WAL on every commit: an acknowledged append survives power loss too.
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    return config;
  }

  private static SQLiteConfig readerConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    return config;
  }

  /** A row read under the lock, decoded after it is released. */
  private record StoredRow(long seq, String payload) {
    StoredEvent decode(Path file, SessionId id) {
      try {
        return new StoredEvent(seq, MessageCodec.eventFromJson(Json.parse(payload)));
      } catch (IllegalArgumentException e) {
        throw new StoreException(
            "session database "
                + file
                + ": event "
                + seq
                + " of session '"
                + id
                + "' cannot be read: "
                + e.getMessage(),
            e);
      }
    }
  }
}
