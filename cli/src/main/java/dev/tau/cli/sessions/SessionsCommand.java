package dev.tau.cli.sessions;

import dev.tau.cli.Context;
import dev.tau.cli.TauCommand;
import dev.tau.cli.Wiring;
import dev.tau.cli.config.TauSettings;
import dev.tau.core.error.ExitCode;
import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import dev.tau.core.json.MessageCodec;
import dev.tau.core.session.SessionEvent;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.SessionInfo;
import dev.tau.core.session.SessionNotFoundException;
import dev.tau.core.session.SessionStore;
import dev.tau.core.session.StoredEvent;
import dev.tau.store.sqlite.SqliteSessionStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tau sessions}: list, show, delete, prune, export, import and back up sessions in the
 * configured store ({@code --session-backend}, {@code --session-db-url}). Destructive commands need
 * {@code --force}; prune previews with {@code --dry-run} (zavora-spec §5.3).
 */
@Command(
    name = "sessions",
    description = "Inspect and maintain stored sessions.",
    subcommands = {
      SessionsCommand.ListSessions.class,
      SessionsCommand.Show.class,
      SessionsCommand.Delete.class,
      SessionsCommand.Prune.class,
      SessionsCommand.Export.class,
      SessionsCommand.Import.class,
      SessionsCommand.Backup.class
    })
public final class SessionsCommand implements Runnable {
  @ParentCommand TauCommand root;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  Context context() {
    return root.context();
  }

  /** Base of the subcommands: the store and output. */
  abstract static class Base implements Callable<Integer> {
    @ParentCommand SessionsCommand sessions;

    @Override
    public Integer call() throws IOException {
      Context ctx = sessions.context();
      TauSettings settings = ctx.settings();
      try (SessionStore store = Wiring.store(settings, Clock.systemUTC())) {
        PrintWriter out = ctx.terminals().out();
        int code = run(ctx, settings, store, out);
        out.flush();
        return code;
      }
    }

    abstract int run(Context ctx, TauSettings settings, SessionStore store, PrintWriter out)
        throws IOException;

    static SessionId id(TauSettings settings) {
      try {
        return SessionId.of(settings.sessionId().value());
      } catch (IllegalArgumentException e) {
        throw new InputException(e.getMessage() + " (--session-id)");
      }
    }
  }

  @Command(name = "list", description = "List sessions, most recently updated first.")
  static final class ListSessions extends Base {
    @Override
    int run(Context ctx, TauSettings settings, SessionStore store, PrintWriter out) {
      List<SessionInfo> all = store.list();
      if (ctx.json()) {
        ObjectNode root = Json.object();
        var array = root.putArray("sessions");
        for (SessionInfo info : all) {
          ObjectNode node = array.addObject();
          node.put("session_id", info.id().value());
          node.put("created_at", info.createdAt().toString());
          node.put("updated_at", info.updatedAt().toString());
          node.put("event_count", info.eventCount());
        }
        out.println(Json.write(root));
        return ExitCode.OK.code();
      }
      if (all.isEmpty()) {
        out.println("No sessions found in " + store.describe() + ".");
        return ExitCode.OK.code();
      }
      out.println("Sessions in " + store.describe() + " (newest first):");
      for (SessionInfo info : all) {
        out.println(
            "- "
                + info.id()
                + " (updated: "
                + info.updatedAt()
                + ", events: "
                + info.eventCount()
                + ")");
      }
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "show",
      description = "Show a session's events (--session-id, default default-session).")
  static final class Show extends Base {
    @Option(
        names = "--recent",
        paramLabel = "N",
        description = "Only the last N events (0 = all; default 20).")
    int recent = 20;

    @Override
    int run(Context ctx, TauSettings settings, SessionStore store, PrintWriter out) {
      if (recent < 0) {
        throw new InputException("--recent must be 0 (all) or more, got " + recent);
      }
      SessionId id = id(settings);
      SessionInfo info = store.find(id).orElseThrow(() -> new SessionNotFoundException(id));
      List<StoredEvent> events = store.recentEvents(id, recent);
      if (ctx.json()) {
        ObjectNode root = Json.object();
        root.put("session_id", id.value());
        root.put("event_count", info.eventCount());
        var array = root.putArray("events");
        for (StoredEvent e : events) {
          ObjectNode node = MessageCodec.eventToJson(e.event());
          node.put("seq", e.seq());
          array.add(node);
        }
        out.println(Json.write(root));
        return ExitCode.OK.code();
      }
      out.println("Session '" + id + "' (events=" + info.eventCount() + "):");
      if (events.isEmpty()) {
        out.println("No events in this session.");
      }
      for (StoredEvent stored : events) {
        switch (stored.event()) {
          case SessionEvent.MessageAppended m -> {
            out.println("[" + m.at() + "] " + m.message().role().wire());
            String text = m.message().text();
            if (m.message() instanceof dev.tau.core.model.Message.Assistant a
                && !a.toolCalls().isEmpty()) {
              a.toolCalls()
                  .forEach(c -> out.println("  tool call " + c.name() + " " + c.arguments()));
            }
            out.println(text.isBlank() ? "<non-text event>" : text);
          }
          case SessionEvent.UsageRecorded u ->
              out.println(
                  "["
                      + u.at()
                      + "] usage "
                      + u.model()
                      + " input="
                      + u.usage().inputTokens()
                      + " output="
                      + u.usage().outputTokens());
        }
        out.println();
      }
      return ExitCode.OK.code();
    }
  }

  @Command(name = "delete", description = "Delete a session (--session-id); needs --force.")
  static final class Delete extends Base {
    @Option(names = "--force", description = "Really delete.")
    boolean force;

    @Override
    int run(Context ctx, TauSettings settings, SessionStore store, PrintWriter out) {
      SessionId id = id(settings);
      if (!force) {
        throw new InputException(
            "session delete is destructive. Re-run with --force to delete session '" + id + "'");
      }
      boolean existed = store.delete(id);
      out.println(
          existed
              ? "Deleted session '" + id + "'."
              : "Session '" + id + "' did not exist; nothing deleted.");
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "prune",
      description =
          "Delete all but the N most recent sessions; preview with --dry-run, apply with --force.")
  static final class Prune extends Base {
    @Option(
        names = "--keep",
        paramLabel = "N",
        description = "Sessions to keep (at least 1; default 20).")
    int keep = 20;

    @Option(
        names = "--dry-run",
        description = "Only list what would be deleted (wins over --force).")
    boolean dryRun;

    @Option(names = "--force", description = "Really delete.")
    boolean force;

    @Override
    int run(Context ctx, TauSettings settings, SessionStore store, PrintWriter out) {
      int kept = Math.max(1, keep);
      List<SessionInfo> all = store.list();
      List<SessionInfo> candidates = all.size() > kept ? all.subList(kept, all.size()) : List.of();
      if (candidates.isEmpty()) {
        out.println(
            "Nothing to prune. Keep=" + kept + " and current session count is within limit.");
        return ExitCode.OK.code();
      }
      if (dryRun) {
        out.println(
            "Dry-run: "
                + candidates.size()
                + " session(s) would be deleted (keeping "
                + kept
                + " most recent):");
        candidates.forEach(c -> out.println("- " + c.id()));
        return ExitCode.OK.code();
      }
      if (!force) {
        throw new InputException(
            "session prune is destructive and would delete "
                + candidates.size()
                + " session(s). Re-run with --force or preview with --dry-run");
      }
      for (SessionInfo c : new ArrayList<>(candidates)) {
        store.delete(c.id());
      }
      out.println(
          "Pruned " + candidates.size() + " session(s). Kept " + kept + " most recent session(s).");
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "export",
      description = "Write sessions as JSONL (one event per line) to --to, or stdout.")
  static final class Export extends Base {
    @Option(names = "--to", paramLabel = "FILE", description = "Output file (default stdout).")
    Path to;

    @Option(names = "--all", description = "Every session (default: only --session-id).")
    boolean all;

    @Override
    int run(Context ctx, TauSettings settings, SessionStore store, PrintWriter out)
        throws IOException {
      List<SessionId> ids =
          all ? store.list().stream().map(SessionInfo::id).toList() : List.of(id(settings));
      StringBuilder sb = new StringBuilder();
      int lines = 0;
      for (SessionId id : ids) {
        if (!all && store.find(id).isEmpty()) {
          throw new SessionNotFoundException(id);
        }
        for (StoredEvent e : store.events(id)) {
          ObjectNode node = MessageCodec.eventToJson(e.event());
          node.put("session_id", id.value());
          node.put("seq", e.seq());
          sb.append(Json.write(node)).append('\n');
          lines++;
        }
      }
      if (to == null) {
        out.print(sb);
      } else {
        dev.tau.core.util.AtomicFiles.write(to, sb.toString());
        ctx.terminals()
            .err()
            .println("Exported " + lines + " event(s) of " + ids.size() + " session(s) to " + to);
        ctx.terminals().err().flush();
      }
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "import",
      description =
          "Read sessions from a JSONL export (--from); refuses sessions that already exist unless --force.")
  static final class Import extends Base {
    @Option(
        names = "--from",
        paramLabel = "FILE",
        required = true,
        description = "A file written by 'sessions export'.")
    Path from;

    @Option(names = "--force", description = "Append to sessions that already exist.")
    boolean force;

    @Override
    int run(Context ctx, TauSettings settings, SessionStore store, PrintWriter out)
        throws IOException {
      java.util.Map<SessionId, List<SessionEvent>> bySession = new java.util.LinkedHashMap<>();
      int lineNo = 0;
      try (BufferedReader reader = Files.newBufferedReader(from, StandardCharsets.UTF_8)) {
        String line;
        while ((line = reader.readLine()) != null) {
          lineNo++;
          if (line.isBlank()) {
            continue;
          }
          try {
            JsonNode node = Json.parse(line);
            SessionId id = SessionId.of(Json.text(node, "session_id", ""));
            bySession
                .computeIfAbsent(id, k -> new ArrayList<>())
                .add(MessageCodec.eventFromJson(node));
          } catch (IllegalArgumentException e) {
            throw new InputException(from + " line " + lineNo + ": " + e.getMessage());
          }
        }
      } catch (java.nio.file.NoSuchFileException e) {
        throw new InputException("--from " + from + " does not exist");
      }
      // check everything before writing anything, so a refused import changes nothing
      if (!force) {
        for (SessionId id : bySession.keySet()) {
          if (store.find(id).isPresent()) {
            throw new InputException(
                "session '"
                    + id
                    + "' already exists; re-run with --force to append the imported events to it");
          }
        }
      }
      int events = 0;
      for (var entry : bySession.entrySet()) {
        store.append(entry.getKey(), entry.getValue());
        events += entry.getValue().size();
      }
      out.println("Imported " + events + " event(s) into " + bySession.size() + " session(s).");
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "backup",
      description =
          "Copy the SQLite store to --to with the online backup API (safe while a gateway runs).")
  static final class Backup extends Base {
    @Option(
        names = "--to",
        paramLabel = "FILE",
        required = true,
        description = "Backup file (replaced atomically).")
    Path to;

    @Override
    int run(Context ctx, TauSettings settings, SessionStore store, PrintWriter out) {
      if (!(store instanceof SqliteSessionStore sqlite)) {
        throw new InputException(
            "sessions backup needs --session-backend sqlite (the memory backend has nothing on disk)");
      }
      Path target = ctx.workingDir().resolve(to);
      sqlite.backupTo(target);
      out.println(
          "Backed up "
              + store.list().size()
              + " session(s) from "
              + store.describe()
              + " to "
              + target);
      out.println("Restore: stop the gateway, then copy " + target + " over " + sqlite.file());
      return ExitCode.OK.code();
    }
  }
}
