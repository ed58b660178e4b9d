package dev.tau.channels.runtime;

import dev.tau.core.health.HealthState;
import dev.tau.core.health.TransportHealth;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read-only reports over a multi-channel state dir: {@code --multi-channel-status-inspect}
 * (tau-spec §5.12) and {@code --transport-health-inspect multi-channel} (§1.1, §4.7). Pure
 * functions of the files on disk.
 */
public final class StatusInspect {
  /** The target string the original prints for the multi-channel transport. */
  public static final String HEALTH_TARGET = "telegram/discord/whatsapp";

  private StatusInspect() {}

  /** A state file that is missing or cannot be read; the message says which and why. */
  public static final class StateUnavailable extends RuntimeException {
    StateUnavailable(String message) {
      super(message, null, false, false);
    }
  }

  /** The status report. */
  public static ObjectNode status(Path stateDir) {
    Path statePath = RunnerState.file(stateDir);
    JsonNode state = readState(statePath);
    Path eventsPath = stateDir.resolve(MultiChannelRunner.RUNTIME_EVENTS);
    List<JsonNode> cycles = new ArrayList<>();
    int invalid = 0;
    boolean eventsPresent = Files.isRegularFile(eventsPath);
    if (eventsPresent) {
      try {
        for (String line : Files.readAllLines(eventsPath)) {
          if (line.isBlank()) {
            continue;
          }
          try {
            JsonNode node = Json.parse(line);
            if (node.isObject()) {
              cycles.add(node);
            } else {
              invalid++;
            }
          } catch (RuntimeException e) {
            invalid++;
          }
        }
      } catch (IOException e) {
        throw new StateUnavailable("failed to read events log " + eventsPath + ": " + e);
      }
    }
    TransportHealth health = TransportHealth.fromJson(state.path("health"));
    TransportHealth.Classification c = health.classify();
    String reason = c.reason();
    if (!cycles.isEmpty()) {
      String last = Json.text(cycles.getLast(), "health_reason", "").strip();
      if (!last.isEmpty()) {
        reason = last;
      }
    }
    ObjectNode out = Json.object();
    out.put("state_path", statePath.toString());
    out.put("events_log_path", eventsPath.toString());
    out.put("events_log_present", eventsPresent);
    out.put("health_state", c.state().wire());
    out.put("health_reason", reason);
    out.put("rollout_gate", c.state().gate().wire());
    int processed = 0;
    Map<String, Integer> transports = new TreeMap<>();
    for (JsonNode key : state.path("processed_event_keys")) {
      if (key.isString() && !key.asString().isBlank()) {
        processed++;
        String k = key.asString().strip();
        int colon = k.indexOf(':');
        transports.merge(
            (colon < 0 ? k : k.substring(0, colon)).toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
    }
    out.put("processed_event_count", processed);
    ObjectNode counts = out.putObject("transport_counts");
    transports.forEach(counts::put);
    out.put("cycle_reports", cycles.size());
    out.put("invalid_cycle_reports", invalid);
    ArrayNode lastCodes = out.putArray("last_reason_codes");
    Map<String, Integer> codeCounts = new TreeMap<>();
    for (JsonNode cycle : cycles) {
      for (JsonNode code : cycle.path("reason_codes")) {
        if (code.isString() && !code.asString().isBlank()) {
          codeCounts.merge(code.asString().strip(), 1, Integer::sum);
        }
      }
    }
    if (!cycles.isEmpty()) {
      for (JsonNode code : cycles.getLast().path("reason_codes")) {
        if (code.isString() && !code.asString().isBlank()) {
          lastCodes.add(code.asString().strip());
        }
      }
    }
    ObjectNode codes = out.putObject("reason_code_counts");
    codeCounts.forEach(codes::put);
    out.set("health", health.toJson());
    ObjectNode telemetry = TelemetryCounters.fromJson(state.path("telemetry")).toJson();
    telemetry.set("policy", TelemetryPolicy.fromJson(state.path("telemetry_policy")).toJson());
    out.set("telemetry", telemetry);
    if (state.path("media_policy").isObject()) {
      out.set("media_policy", state.path("media_policy"));
    }
    Path connectors = stateDir.resolve("live-connectors-state.json");
    if (Files.isRegularFile(connectors)) {
      try {
        out.set("connectors", Json.parse(Files.readString(connectors)));
      } catch (IOException | RuntimeException e) {
        ObjectNode broken = out.putObject("connectors");
        broken.put("state_path", connectors.toString());
        broken.put("error", "unreadable: " + e.getMessage());
      }
    }
    return out;
  }

  /** The one-line text form of the status report. */
  public static String statusLine(ObjectNode s) {
    JsonNode h = s.path("health");
    JsonNode t = s.path("telemetry");
    JsonNode p = t.path("policy");
    return "multi-channel status inspect: state_path="
        + s.path("state_path").asString()
        + " health_state="
        + s.path("health_state").asString()
        + " rollout_gate="
        + s.path("rollout_gate").asString()
        + " processed_event_count="
        + s.path("processed_event_count").asLong()
        + " transport_counts="
        + map(s.path("transport_counts"))
        + " cycle_reports="
        + s.path("cycle_reports").asLong()
        + " invalid_cycle_reports="
        + s.path("invalid_cycle_reports").asLong()
        + " last_reason_codes="
        + list(s.path("last_reason_codes"))
        + " reason_code_counts="
        + map(s.path("reason_code_counts"))
        + " queue_depth="
        + h.path("queue_depth").asLong()
        + " failure_streak="
        + h.path("failure_streak").asLong()
        + " last_cycle_failed="
        + h.path("last_cycle_failed").asLong()
        + " last_cycle_completed="
        + h.path("last_cycle_completed").asLong()
        + " typing_events="
        + t.path("typing_events_emitted").asLong()
        + " presence_events="
        + t.path("presence_events_emitted").asLong()
        + " usage_records="
        + t.path("usage_summary_records").asLong()
        + " usage_chars="
        + t.path("usage_response_chars").asLong()
        + " usage_chunks="
        + t.path("usage_chunks").asLong()
        + " usage_cost_micros="
        + t.path("usage_estimated_cost_micros").asLong()
        + " typing_by_transport="
        + map(t.path("typing_events_by_transport"))
        + " presence_by_transport="
        + map(t.path("presence_events_by_transport"))
        + " usage_records_by_transport="
        + map(t.path("usage_summary_records_by_transport"))
        + " telemetry_typing_presence="
        + p.path("typing_presence_enabled").asBoolean()
        + " telemetry_usage_summary="
        + p.path("usage_summary_enabled").asBoolean()
        + " telemetry_include_identifiers="
        + p.path("include_identifiers").asBoolean()
        + " telemetry_min_response_chars="
        + p.path("typing_presence_min_response_chars").asLong()
        + " health_reason="
        + s.path("health_reason").asString();
  }

  /** {@code --transport-health-inspect multi-channel --transport-health-json}: one-row array. */
  public static ArrayNode health(Path stateDir) {
    Path statePath = RunnerState.file(stateDir);
    JsonNode state = readState(statePath);
    TransportHealth health = TransportHealth.fromJson(state.path("health"));
    ArrayNode rows = Json.array();
    ObjectNode row = rows.addObject();
    row.put("transport", "multi-channel");
    row.put("target", HEALTH_TARGET);
    row.put("state_path", statePath.toString());
    row.set("health", health.toJson());
    HealthState s = health.classify().state();
    row.put("health_state", s.wire());
    row.put("health_reason", health.classify().reason());
    row.put("recommendation", health.classify().recommendation());
    row.put("rollout_gate", s.gate().wire());
    return rows;
  }

  /** The §1.1 text line of a health row. */
  public static String healthLine(JsonNode row) {
    JsonNode h = row.path("health");
    StringBuilder line =
        new StringBuilder("transport health inspect: transport=")
            .append(row.path("transport").asString())
            .append(" target=")
            .append(row.path("target").asString())
            .append(" state_path=")
            .append(row.path("state_path").asString());
    for (String field :
        List.of(
            "updated_unix_ms",
            "cycle_duration_ms",
            "queue_depth",
            "active_runs",
            "failure_streak",
            "last_cycle_discovered",
            "last_cycle_processed",
            "last_cycle_completed",
            "last_cycle_failed",
            "last_cycle_duplicates")) {
      line.append(' ').append(field).append('=').append(h.path(field).asLong());
    }
    line.append(" health_state=").append(row.path("health_state").asString());
    return line.toString();
  }

  private static JsonNode readState(Path statePath) {
    if (!Files.isRegularFile(statePath)) {
      throw new StateUnavailable(
          "failed to read state file "
              + statePath
              + ": not found (run --multi-channel-live-runner or"
              + " --multi-channel-contract-runner first, or check --multi-channel-state-dir)");
    }
    try {
      JsonNode node = Json.mapper().readTree(Files.readString(statePath));
      if (node == null || !node.isObject()) {
        throw new StateUnavailable(
            "failed to parse state file " + statePath + ": not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new StateUnavailable("failed to read state file " + statePath + ": " + e);
    } catch (JacksonException e) {
      throw new StateUnavailable(
          "failed to parse state file " + statePath + ": " + e.getOriginalMessage());
    }
  }

  private static String map(JsonNode node) {
    List<String> parts = new ArrayList<>();
    node.properties().forEach(e -> parts.add(e.getKey() + ":" + e.getValue().asString()));
    return parts.isEmpty() ? "none" : String.join(",", parts);
  }

  private static String list(JsonNode node) {
    List<String> parts = new ArrayList<>();
    node.forEach(v -> parts.add(v.asString()));
    return parts.isEmpty() ? "none" : String.join(",", parts);
  }
}
