package dev.tau.gateway.status;

import dev.tau.core.health.HealthState;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Judges the routine scheduler from {@code <tau_root>/events/}: the {@code *.json} event
 * definitions and {@code state.json} (recent executions). A pure function of those files and the
 * time (tau-spec §2.8.3).
 *
 * <p>The decision table is applied in order, later rows overriding earlier ones, with one
 * deliberate change from the original: a row never makes the posture <em>better</em> than an
 * earlier failure, so an unreadable state file is not hidden by "no definitions discovered".
 */
public final class EventsPosture {
  /** At most this many due events are queued per scheduler cycle. */
  public static final int QUEUE_LIMIT = 64;

  /** An immediate event older than this was never run and is reported stale. */
  public static final long STALE_IMMEDIATE_MS = 86_400_000L;

  private EventsPosture() {}

  /** Evaluates {@code eventsDir} at {@code nowUnixMs}. */
  public static EventsReport evaluate(Path eventsDir, long nowUnixMs) {
    Path statePath = eventsDir.resolve("state.json");
    List<String> diagnostics = new ArrayList<>();
    if (!Files.exists(eventsDir) && !Files.exists(statePath)) {
      diagnostics.add(
          "events_not_configured: create event definitions under "
              + eventsDir
              + " to enable the routine scheduler");
      return new Builder(eventsDir, statePath)
          .verdict(
              HealthState.HEALTHY,
              EventsReasonCode.EVENTS_NOT_CONFIGURED,
              "the routine scheduler is not configured (no events directory)")
          .build(false, diagnostics);
    }
    Builder b = new Builder(eventsDir, statePath);
    EventsReasonCode stateFailure = readState(statePath, b, diagnostics);
    boolean statePresent = Files.isRegularFile(statePath);
    boolean dirFailed = readDefinitions(eventsDir, nowUnixMs, b, diagnostics);

    b.verdict(
        HealthState.HEALTHY,
        EventsReasonCode.EVENTS_READY,
        "event definitions are valid and no recent execution failed");
    if (b.discovered == 0) {
      b.verdict(
          HealthState.HEALTHY,
          EventsReasonCode.EVENTS_NONE_DISCOVERED,
          "no event definitions found under " + eventsDir);
    }
    if (b.malformed > 0) {
      b.verdict(
          HealthState.DEGRADED,
          EventsReasonCode.EVENTS_MALFORMED_DEFINITIONS,
          b.malformed + " event definition(s) are malformed");
    }
    if (b.failed > 0) {
      b.verdict(
          HealthState.DEGRADED,
          EventsReasonCode.EVENTS_RECENT_FAILURES,
          b.failed + " recent event execution(s) failed");
    }
    if (stateFailure != null) {
      b.verdict(
          HealthState.FAILING, stateFailure, "the events state file " + statePath + " is unusable");
    }
    if (dirFailed) {
      b.verdict(
          HealthState.FAILING,
          EventsReasonCode.EVENTS_DIR_READ_FAILED,
          "the events directory " + eventsDir + " cannot be read");
    }
    return b.build(statePresent, diagnostics);
  }

  /** Reads the execution history; returns the failure code, or null when usable or absent. */
  private static EventsReasonCode readState(Path statePath, Builder b, List<String> diagnostics) {
    return switch (StateFiles.readObject(statePath)) {
      case StateFiles.Read.Missing m -> null;
      case StateFiles.Read.ReadFailed f -> {
        diagnostics.add("events_state_read_failed:" + statePath + ": " + f.message());
        yield EventsReasonCode.EVENTS_STATE_READ_FAILED;
      }
      case StateFiles.Read.ParseFailed f -> {
        diagnostics.add("events_state_parse_failed:" + statePath + ": " + f.message());
        yield EventsReasonCode.EVENTS_STATE_PARSE_FAILED;
      }
      case StateFiles.Read.Loaded l -> {
        JsonNode history = l.json().path("recent_executions");
        if (!history.isMissingNode() && !history.isArray()) {
          diagnostics.add(
              "events_state_parse_failed:" + statePath + ": recent_executions is not an array");
          yield EventsReasonCode.EVENTS_STATE_PARSE_FAILED;
        }
        for (JsonNode entry : history) {
          b.history++;
          String outcome = Json.text(entry, "outcome", "").strip();
          switch (outcome) {
            case "executed" -> b.executed++;
            case "failed" -> b.failed++;
            case "skipped" -> b.skipped++;
            default -> {}
          }
          long at = Json.number(entry, "timestamp_unix_ms", 0);
          if (at >= b.lastExecutionUnixMs) {
            b.lastExecutionUnixMs = at;
            b.lastExecutionReasonCode = Json.text(entry, "reason_code", "");
          }
        }
        yield null;
      }
    };
  }

  /** Reads and judges every definition; returns true when the directory cannot be listed. */
  private static boolean readDefinitions(Path dir, long now, Builder b, List<String> diagnostics) {
    if (!Files.isDirectory(dir)) {
      diagnostics.add("events_dir_read_failed:" + dir + ": not a directory");
      return true;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(p -> p.getFileName().toString().endsWith(".json"))
              .filter(p -> !p.getFileName().toString().equals("state.json"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException | RuntimeException e) {
      diagnostics.add("events_dir_read_failed:" + dir + ": " + StateFiles.describe(e));
      return true;
    }
    for (Path file : files) {
      b.discovered++;
      String problem =
          switch (StateFiles.readObject(file)) {
            case StateFiles.Read.Missing m -> "file vanished while reading";
            case StateFiles.Read.ReadFailed f -> f.message();
            case StateFiles.Read.ParseFailed f -> f.message();
            case StateFiles.Read.Loaded l -> judge(l.json(), now, b);
          };
      if (problem != null) {
        b.malformed++;
        diagnostics.add("events_definition_malformed:" + file + ": " + problem);
      }
    }
    return false;
  }

  /** Counts one definition; returns what is wrong with it, or null when it is valid. */
  private static String judge(JsonNode def, long now, Builder b) {
    String id = Json.text(def, "id", "").strip();
    if (id.isEmpty()) {
      return "id is missing or empty";
    }
    if (!def.path("channel").isString() || def.path("channel").asString().isBlank()) {
      return "channel is missing or empty";
    }
    JsonNode enabledNode = def.get("enabled");
    if (enabledNode != null && !enabledNode.isBoolean()) {
      return "enabled must be true or false";
    }
    boolean enabled = enabledNode == null || enabledNode.asBoolean();
    JsonNode schedule = def.path("schedule");
    String type = Json.text(schedule, "type", "");
    Boolean due;
    boolean stale = false;
    switch (type) {
      case "immediate" -> {
        long created = Json.number(def, "created_unix_ms", 0);
        stale = created > 0 && now - created > STALE_IMMEDIATE_MS;
        due = !stale;
      }
      case "at" -> {
        JsonNode at = schedule.get("at_unix_ms");
        if (at == null || !at.isIntegralNumber()) {
          return "schedule.at_unix_ms is missing or not a whole number";
        }
        due = at.asLong() <= now;
      }
      case "periodic" -> {
        String cron = Json.text(schedule, "cron", "");
        String zone = Json.text(schedule, "timezone", "UTC");
        CronSchedule parsed;
        ZoneId zoneId;
        try {
          parsed = CronSchedule.parse(cron);
        } catch (IllegalArgumentException e) {
          return "schedule.cron: " + e.getMessage();
        }
        try {
          zoneId = ZoneId.of(zone.isBlank() ? "UTC" : zone.strip());
        } catch (DateTimeException e) {
          return "schedule.timezone '" + zone + "' is not a known time zone";
        }
        due = parsed.matches(Instant.ofEpochMilli(now).atZone(zoneId));
      }
      default -> {
        return "schedule.type must be immediate, at or periodic (got '" + type + "')";
      }
    }
    if (!enabled) {
      return null;
    }
    b.enabled++;
    if (stale) {
      b.staleImmediate++;
    } else if (due) {
      b.dueNow++;
    } else {
      b.notDue++;
    }
    return null;
  }

  /** Accumulates counts while the files are read. */
  private static final class Builder {
    final Path dir;
    final Path statePath;
    int discovered;
    int enabled;
    int dueNow;
    int notDue;
    int staleImmediate;
    int malformed;
    int history;
    int executed;
    int failed;
    int skipped;
    long lastExecutionUnixMs;
    String lastExecutionReasonCode = "";
    HealthState health = HealthState.HEALTHY;
    EventsReasonCode reason = EventsReasonCode.EVENTS_READY;
    String healthReason = "";

    Builder(Path dir, Path statePath) {
      this.dir = dir;
      this.statePath = statePath;
    }

    /** A later row wins unless it would make the posture better than an earlier one. */
    Builder verdict(HealthState state, EventsReasonCode code, String why) {
      if (state.worst(health) == state) {
        health = state;
        reason = code;
        healthReason = why;
      }
      return this;
    }

    EventsReport build(boolean statePresent, List<String> diagnostics) {
      return new EventsReport(
          statePresent,
          dir.toString(),
          statePath.toString(),
          health,
          health.gate(),
          reason,
          healthReason,
          discovered,
          enabled,
          dueNow,
          Math.min(dueNow, QUEUE_LIMIT),
          notDue,
          staleImmediate,
          malformed,
          0,
          history,
          executed,
          failed,
          skipped,
          lastExecutionUnixMs,
          lastExecutionReasonCode,
          diagnostics);
    }
  }
}
