package dev.tau.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.error.InputException;
import dev.tau.core.session.SessionStore;
import dev.tau.store.memory.InMemorySessionStore;
import dev.tau.store.sqlite.SqliteSessionStore;
import dev.tau.testkit.store.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoresTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final Path cwd = Path.of("").toAbsolutePath();

  @TempDir Path dir;

  @Test
  void memoryBackendOpensAnInMemoryStoreAndIgnoresTheUrl() {
    try (SessionStore store = SessionStores.open("memory", "sqlite://ignored.db", clock)) {
      assertThat(store).isInstanceOf(InMemorySessionStore.class);
      assertThat(store.describe()).isEqualTo("memory");
    }
    assertThat(cwd.resolve("ignored.db")).doesNotExist();
  }

  @Test
  void sqliteBackendOpensTheFileNamedByTheUrl() {
    Path file = dir.resolve("nested/sessions.db");

    try (SessionStore store = SessionStores.open("sqlite", "sqlite://" + file, clock)) {
      assertThat(store).isInstanceOf(SqliteSessionStore.class);
      assertThat(store.describe()).isEqualTo("sqlite:" + file);
    }
    assertThat(file).isRegularFile();
  }

  @Test
  void backendNamesAreCaseInsensitiveAndNullMeansSqlite() {
    assertThat(SessionBackend.fromFlag("SQLite")).isEqualTo(SessionBackend.SQLITE);
    assertThat(SessionBackend.fromFlag(" memory ")).isEqualTo(SessionBackend.MEMORY);
    assertThat(SessionBackend.fromFlag(null)).isEqualTo(SessionBackend.SQLITE);
  }

  @Test
  void unknownBackendNamesTheFlagAndTheAcceptedValues() {
    assertThatThrownBy(() -> SessionStores.open("postgres", null, clock))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("--session-backend")
        .hasMessageContaining("'memory'")
        .hasMessageContaining("'sqlite'")
        .hasMessageContaining("'postgres'");
    assertThatThrownBy(() -> SessionBackend.fromFlag(""))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("--session-backend");
  }

  @Test
  void sqliteUrlsAcceptBothFormsWithAbsoluteAndRelativePaths() {
    assertThat(SessionStores.sqlitePath("sqlite:///var/lib/tau/s.db"))
        .isEqualTo(Path.of("/var/lib/tau/s.db"));
    assertThat(SessionStores.sqlitePath("sqlite:/var/lib/tau/s.db"))
        .isEqualTo(Path.of("/var/lib/tau/s.db"));
    assertThat(SessionStores.sqlitePath("sqlite://data/s.db")).isEqualTo(cwd.resolve("data/s.db"));
    assertThat(SessionStores.sqlitePath("sqlite:data/s.db")).isEqualTo(cwd.resolve("data/s.db"));
    assertThat(SessionStores.sqlitePath("SQLITE://data/s.db")).isEqualTo(cwd.resolve("data/s.db"));
  }

  @Test
  void noUrlMeansTheDefaultFileUnderDotTau() {
    assertThat(SessionStores.DEFAULT_URL).isEqualTo("sqlite://.tau/sessions.db");
    assertThat(SessionStores.sqlitePath(null)).isEqualTo(cwd.resolve(".tau/sessions.db"));
  }

  @Test
  void aUrlForAnotherSchemeNamesTheFlagAndFormsButNotItsSecrets() {
    assertThatThrownBy(
            () -> SessionStores.open("sqlite", "postgresql://tau:s3cr3t@db.example/tau", clock))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("--session-db-url")
        .hasMessageContaining("sqlite://<path>")
        .hasMessageContaining("sqlite:<path>")
        .hasMessageContaining("'postgresql'")
        .hasMessageNotContaining("s3cr3t")
        .hasMessageNotContaining("db.example");
  }

  @Test
  void aBarePathIsRejectedWithTheAcceptedForms() {
    assertThatThrownBy(() -> SessionStores.sqlitePath("/tmp/sessions.db"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("--session-db-url")
        .hasMessageContaining("sqlite://<path>")
        .hasMessageContaining("no scheme");
  }

  @Test
  void aUrlWithoutAPathIsRejected() {
    assertThatThrownBy(() -> SessionStores.sqlitePath("sqlite://"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("--session-db-url has no file path");
    assertThatThrownBy(() -> SessionStores.sqlitePath("sqlite:  "))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("--session-db-url has no file path");
  }

  @Test
  void aQueryStringOrFragmentIsRejectedNamingTheFlagAndCreatesNoFile() {
    assertThatThrownBy(
            () -> SessionStores.open("sqlite", "sqlite://" + dir + "/a.db?password=s3cr3t", clock))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("--session-db-url has a query string ('?…')")
        .hasMessageContaining("give only the file path")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> SessionStores.sqlitePath("sqlite:a.db#top"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("--session-db-url has a fragment ('#…')");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aPathTheFileSystemCannotNameIsRejected() {
    assertThatThrownBy(() -> SessionStores.sqlitePath("sqlite://bad\0name.db"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("--session-db-url")
        .hasMessageContaining("not a valid file path");
  }
}
