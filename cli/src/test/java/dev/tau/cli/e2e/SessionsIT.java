package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GA runbook's session operations, verbatim, plus export/import and backup. */
class SessionsIT {
  @TempDir Path work;

  private static final List<String> STORE =
      List.of("--session-backend", "sqlite", "--session-db-url", "sqlite://.zavora/sessions.db");

  private TauProcess.Result tau(String... args) throws Exception {
    List<String> all = new ArrayList<>(STORE);
    all.addAll(List.of(args));
    return TauProcess.run(work, TauProcess.cleanEnv(work), null, all.toArray(String[]::new));
  }

  @Test
  void runbookSessionOperationsWorkVerbatim() throws Exception {
    assertThat(tau("sessions", "list").stdout()).startsWith("No sessions found in sqlite:");
    for (String id : List.of("old-1", "old-2", "default-session")) {
      assertThat(tau("--session-id", id, "ask", "hello from " + id).exitCode()).isZero();
    }
    var list = tau("sessions", "list");
    assertThat(list.stdout()).containsSubsequence("- default-session", "- old-2", "- old-1");

    var show = tau("sessions", "show", "--session-id", "default-session", "--recent", "30");
    assertThat(show.stdout())
        .startsWith("Session 'default-session' (events=3):")
        .contains("hello from default-session");
    assertThat(tau("sessions", "show", "--session-id", "nope").exitCode()).isEqualTo(11);

    var dry = tau("sessions", "prune", "--keep", "2", "--dry-run");
    assertThat(dry.stdout())
        .contains("Dry-run: 1 session(s) would be deleted (keeping 2 most recent):")
        .contains("- old-1");
    var refused = tau("sessions", "prune", "--keep", "2");
    assertThat(refused.exitCode()).isEqualTo(42);
    assertThat(refused.stderr()).contains("Re-run with --force or preview with --dry-run");
    assertThat(tau("sessions", "list").stdout()).contains("old-1");
    var forced = tau("sessions", "prune", "--keep", "2", "--force");
    assertThat(forced.stdout()).contains("Pruned 1 session(s). Kept 2 most recent session(s).");
    assertThat(tau("sessions", "list").stdout()).doesNotContain("old-1");
    assertThat(tau("sessions", "prune", "--keep", "50", "--dry-run").stdout())
        .contains("Nothing to prune. Keep=50");

    var delete = tau("--session-id", "old-2", "sessions", "delete");
    assertThat(delete.exitCode()).isEqualTo(42);
    assertThat(delete.stderr()).contains("Re-run with --force to delete session 'old-2'");
    assertThat(tau("--session-id", "old-2", "sessions", "delete", "--force").stdout())
        .contains("Deleted session 'old-2'.");
  }

  @Test
  void exportImportAndBackupRoundTrip() throws Exception {
    tau("--session-id", "keep-me", "ask", "remember the blue door");
    var export = tau("sessions", "export", "--all", "--to", "export.jsonl");
    assertThat(export.exitCode()).as(export.stderr()).isZero();
    List<String> lines = Files.readAllLines(work.resolve("export.jsonl"));
    assertThat(lines).hasSize(3);
    assertThat(Json.parse(lines.getFirst()).path("session_id").asString()).isEqualTo("keep-me");

    var backup = tau("sessions", "backup", "--to", "backups/sessions.db");
    assertThat(backup.exitCode()).as(backup.stderr()).isZero();
    assertThat(work.resolve("backups/sessions.db")).exists();

    var again = tau("sessions", "import", "--from", "export.jsonl");
    assertThat(again.exitCode()).isEqualTo(42);
    assertThat(again.stderr()).contains("session 'keep-me' already exists");

    Map<String, String> env = TauProcess.cleanEnv(work);
    var fresh =
        TauProcess.run(
            work,
            env,
            null,
            "--session-db-url",
            "sqlite://fresh.db",
            "sessions",
            "import",
            "--from",
            "export.jsonl");
    assertThat(fresh.stdout()).contains("Imported 3 event(s) into 1 session(s).");
    var shown =
        TauProcess.run(
            work,
            env,
            null,
            "--session-db-url",
            "sqlite://fresh.db",
            "--session-id",
            "keep-me",
            "sessions",
            "show");
    assertThat(shown.stdout()).contains("remember the blue door");

    var restored =
        TauProcess.run(
            work,
            env,
            null,
            "--session-db-url",
            "sqlite://backups/sessions.db",
            "sessions",
            "list");
    assertThat(restored.stdout()).contains("- keep-me");

    Files.writeString(work.resolve("bad.jsonl"), "{\"kind\":\"message\"}\n");
    var bad =
        TauProcess.run(
            work,
            env,
            null,
            "--session-db-url",
            "sqlite://other.db",
            "sessions",
            "import",
            "--from",
            "bad.jsonl");
    assertThat(bad.exitCode()).isEqualTo(42);
    assertThat(bad.stderr()).contains("bad.jsonl line 1");
  }
}
