package dev.tau.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.model.Usage;
import dev.tau.core.session.SessionEvent;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.SessionInfo;
import dev.tau.core.session.StoredEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that is appending (SIGKILL, no shutdown hooks, no close) and checks that every
 * append it acknowledged is in the database afterwards, and that the file is consistent.
 */
class SqliteCrashIT {
  private static final int WRITERS = 4;
  private static final int ACKS_BEFORE_KILL = 1500;

  @TempDir Path dir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES) // a guard against a hung child, not a speed check
  void everyAcknowledgedAppendSurvivesAKillDashNine() throws Exception {
    Path file = dir.resolve("crash/sessions.db");
    Path stderr = dir.resolve("child.err");
    Process child = startAppender(file, stderr);

    Map<String, Long> acked = new HashMap<>();
    BufferedReader out = child.inputReader();
    int acks = 0;
    while (acks < ACKS_BEFORE_KILL) {
      String line = out.readLine();
      assertThat(line)
          .withFailMessage(
              () -> "the appender stopped after " + acked + " acks; stderr:\n" + read(stderr))
          .isNotNull();
      if (recordAck(line, acked)) {
        acks++;
      }
    }
    // Acks still in the pipe are lost with it (destroy closes our end); the ones read suffice.
    child.destroyForcibly();
    assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    assertThat(acked).hasSize(WRITERS);

    assertConsistent(file);
    try (SqliteSessionStore store = SqliteSessionStore.open(file, Clock.systemUTC())) {
      for (Map.Entry<String, Long> ack : acked.entrySet()) {
        assertEveryAckedAppendIsStored(store, SessionId.of(ack.getKey()), ack.getValue());
      }
    }
  }

  private static Process startAppender(Path file, Path stderr) throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    return new ProcessBuilder(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            CrashAppender.class.getName(),
            file.toString(),
            Integer.toString(WRITERS))
        .redirectError(stderr.toFile())
        .start();
  }

  /** Records {@code "<session> <seq>"}; returns whether the line was an ack. */
  private static boolean recordAck(String line, Map<String, Long> acked) {
    String[] parts = line.split(" ");
    if (parts.length != 2 || !parts[0].startsWith("crash-")) {
      return false;
    }
    acked.merge(parts[0], Long.parseLong(parts[1]), Math::max);
    return true;
  }

  private static void assertEveryAckedAppendIsStored(
      SqliteSessionStore store, SessionId id, long lastAckedSeq) {
    List<StoredEvent> events = store.events(id);
    assertThat((long) events.size()).isGreaterThanOrEqualTo(lastAckedSeq);
    // Appends are whole: an append in flight at the kill is either all there or absent.
    assertThat(events.size() % 2).isZero();
    assertThat(events)
        .extracting(StoredEvent::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
    for (int i = 0; i < events.size(); i += 2) {
      long n = i / 2 + 1;
      SessionEvent message = events.get(i).event();
      SessionEvent usage = events.get(i + 1).event();
      assertThat(message)
          .isInstanceOfSatisfying(
              SessionEvent.MessageAppended.class,
              m -> assertThat(m.message().text()).isEqualTo(CrashAppender.text(id, n)));
      assertThat(usage)
          .isInstanceOfSatisfying(
              SessionEvent.UsageRecorded.class,
              u -> assertThat(u.usage()).isEqualTo(new Usage(n, 1, 0)));
    }
    assertThat(store.find(id)).map(SessionInfo::eventCount).contains((long) events.size());
  }

  private static void assertConsistent(Path file) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      assertThat(strings(db, "PRAGMA integrity_check")).containsExactly("ok");
      assertThat(strings(db, "PRAGMA foreign_key_check")).isEmpty();
      assertThat(
              strings(
                  db,
                  "SELECT s.id FROM sessions s WHERE s.event_count <>"
                      + " (SELECT count(*) FROM session_events e WHERE e.session_id = s.id)"))
          .isEmpty();
    }
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

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
