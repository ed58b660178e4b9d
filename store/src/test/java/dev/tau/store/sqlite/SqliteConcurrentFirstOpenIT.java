package dev.tau.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * First opens of one new database at the same moment, from threads of this JVM and from two child
 * JVMs: the schema migration is serialised across processes, so every open succeeds and the schema
 * is applied exactly once. Without that, processes race on Flyway's migration and some fail with
 * "Failed to execute script V1__sessions.sql"; the race is repeated on fresh databases so it shows.
 */
class SqliteConcurrentFirstOpenIT {
  private static final int THREADS = 4;
  private static final int CHILDREN = 2;
  private static final int ROUNDS = 25;

  @TempDir Path dir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES) // a guard against a hung child, not a speed check
  void simultaneousFirstOpensFromThreadsAndProcessesAllSucceed() throws Exception {
    List<Process> children = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      for (int c = 0; c < CHILDREN; c++) {
        Process child = startOpener("child-" + c);
        children.add(child);
        assertThat(child.inputReader().readLine()).as("child %s says ready", c).isEqualTo("ready");
      }
      List<String> failures = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        Path file = dir.resolve("round-" + round + "/sessions.db");
        failures.addAll(openAtOnce(file, pool, children));
        assertThat(failures).as("failed opens up to round %s", round).isEmpty();
        assertEveryOpenerAppendedAndTheSchemaWasAppliedOnce(file);
      }
    } finally {
      for (Process child : children) {
        child.outputWriter(StandardCharsets.UTF_8).close();
        if (!child.waitFor(1, TimeUnit.MINUTES)) {
          child.destroyForcibly();
        }
      }
    }
  }

  /** Releases every thread and child on {@code file} together; returns the failures. */
  private static List<String> openAtOnce(Path file, ExecutorService pool, List<Process> children)
      throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String name = "thread-" + t;
      threads.add(
          pool.submit(
              () -> {
                go.await();
                ConcurrentOpener.openAndAppend(file, name);
                return null;
              }));
    }
    for (Process child : children) {
      Writer in = child.outputWriter(StandardCharsets.UTF_8);
      in.write(file + "\n");
      in.flush();
    }
    go.countDown();
    List<String> failures = new ArrayList<>();
    for (Future<?> thread : threads) {
      try {
        thread.get();
      } catch (ExecutionException e) {
        failures.add("thread: " + e.getCause());
      }
    }
    for (Process child : children) {
      BufferedReader out = child.inputReader();
      String answer = out.readLine();
      if (!"opened".equals(answer)) {
        failures.add("child " + child.pid() + ": " + answer);
      }
    }
    return failures;
  }

  private static void assertEveryOpenerAppendedAndTheSchemaWasAppliedOnce(Path file)
      throws Exception {
    List<String> expected = new ArrayList<>();
    IntStream.range(0, THREADS).forEach(t -> expected.add("thread-" + t));
    IntStream.range(0, CHILDREN).forEach(c -> expected.add("child-" + c));
    try (SqliteSessionStore store = SqliteSessionStore.open(file, Clock.systemUTC())) {
      assertThat(store.list())
          .extracting(info -> info.id().value())
          .containsExactlyInAnyOrderElementsOf(expected);
    }
    List<String> versions = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
      while (rs.next()) {
        versions.add(rs.getString(1) + (rs.getBoolean(2) ? "" : " (failed)"));
      }
    }
    assertThat(versions).containsExactly("1");
  }

  private static Process startOpener(String name) throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    return new ProcessBuilder(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            ConcurrentOpener.class.getName(),
            name)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
