package dev.tau.gateway.status;

import dev.tau.core.health.HealthState;
import dev.tau.core.health.TransportHealth;
import dev.tau.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code multi_channel} block of {@code /gateway/status} (tau-spec §2.8.2), read from {@code
 * <tau_root>/multi-channel/}: {@code state.json}, {@code runtime-events.jsonl} and {@code
 * live-connectors-state.json}. Without a state file the health is {@code unknown} and the
 * diagnostics say which files are missing.
 */
public final class MultiChannelStatus {
  private static final List<String> CHANNEL_NUMBERS =
      List.of(
          "events_ingested",
          "duplicates_skipped",
          "retry_attempts",
          "auth_failures",
          "parse_failures",
          "provider_failures",
          "consecutive_failures",
          "retry_budget_remaining",
          "breaker_open_until_unix_ms",
          "breaker_open_count");

  private MultiChannelStatus() {}

  /** Reads {@code dir} (normally {@code <tau_root>/multi-channel}). */
  public static ObjectNode read(Path dir) {
    return read(new MultiChannelSources(dir, dir.resolve("live-connectors-state.json")));
  }

  /** Reads the runner's state dir and the connector state file of {@code sources}. */
  public static ObjectNode read(MultiChannelSources sources) {
    Path dir = sources.stateDir();
    Path statePath = dir.resolve("state.json");
    Path eventsPath = dir.resolve("runtime-events.jsonl");
    Path connectorsPath = sources.connectorsState();
    ObjectNode out = Json.object();
    ArrayNode diagnostics = Json.array();

    JsonNode state = null;
    switch (StateFiles.readObject(statePath)) {
      case StateFiles.Read.Missing m -> diagnostics.add("state_missing:" + statePath);
      case StateFiles.Read.ReadFailed f ->
          diagnostics.add("state_read_failed:" + statePath + ": " + f.message());
      case StateFiles.Read.ParseFailed f ->
          diagnostics.add("state_parse_failed:" + statePath + ": " + f.message());
      case StateFiles.Read.Loaded l -> state = l.json();
    }

    StateFiles.Lines events = StateFiles.readLines(eventsPath);
    if (!events.present()) {
      diagnostics.add("events_log_missing:" + eventsPath);
    } else if (events.readError() != null) {
      diagnostics.add("events_log_read_failed:" + eventsPath + ": " + events.readError());
    }

    TransportHealth health =
        state == null ? TransportHealth.EMPTY : TransportHealth.fromJson(state.path("health"));
    TransportHealth.Classification classification = health.classify();
    HealthState healthState = state == null ? HealthState.UNKNOWN : classification.state();
    String healthReason =
        state == null ? "multi-channel state is not available" : classification.reason();
    for (JsonNode line : events.records()) {
      String reason = Json.text(line, "health_reason", "").strip();
      if (!reason.isEmpty()) {
        healthReason = reason; // the newest cycle's own words win
      }
    }

    out.put("state_present", state != null);
    out.put("state_path", statePath.toString());
    out.put("health_state", healthState.wire());
    out.put("health_reason", healthReason);
    out.put("rollout_gate", healthState.gate().wire());

    JsonNode keys = state == null ? Json.array() : state.path("processed_event_keys");
    Map<String, Integer> transports = new TreeMap<>();
    int processed = 0;
    for (JsonNode key : keys) {
      if (!key.isString() || key.asString().isBlank()) {
        continue;
      }
      processed++;
      String k = key.asString().strip();
      int colon = k.indexOf(':');
      String transport = (colon < 0 ? k : k.substring(0, colon)).toLowerCase(Locale.ROOT);
      transports.merge(transport, 1, Integer::sum);
    }
    out.put("processed_event_count", processed);
    ObjectNode transportCounts = out.putObject("transport_counts");
    transports.forEach(transportCounts::put);
    out.put("queue_depth", health.queueDepth());
    out.put("failure_streak", health.failureStreak());
    out.put("last_cycle_failed", health.lastCycleFailed());
    out.put("last_cycle_completed", health.lastCycleCompleted());

    out.put("cycle_reports", events.records().size());
    out.put("invalid_cycle_reports", events.invalid());
    ArrayNode lastCodes = out.putArray("last_reason_codes");
    Map<String, Integer> codeCounts = new TreeMap<>();
    for (JsonNode line : events.records()) {
      for (JsonNode code : line.path("reason_codes")) {
        if (code.isString() && !code.asString().isBlank()) {
          codeCounts.merge(code.asString().strip(), 1, Integer::sum);
        }
      }
    }
    JsonNode last = events.last();
    if (last != null) {
      for (JsonNode code : last.path("reason_codes")) {
        if (code.isString() && !code.asString().isBlank()) {
          lastCodes.add(code.asString().strip());
        }
      }
    }
    ObjectNode counts = out.putObject("reason_code_counts");
    codeCounts.forEach(counts::put);

    out.set("connectors", connectors(connectorsPath, diagnostics));
    out.set("diagnostics", diagnostics);
    return out;
  }

  private static ObjectNode connectors(Path path, ArrayNode diagnostics) {
    ObjectNode out = Json.object();
    JsonNode state = null;
    switch (StateFiles.readObject(path)) {
      case StateFiles.Read.Missing m -> diagnostics.add("connectors_state_missing:" + path);
      case StateFiles.Read.ReadFailed f ->
          diagnostics.add("connectors_state_read_failed:" + path + ": " + f.message());
      case StateFiles.Read.ParseFailed f ->
          diagnostics.add("connectors_state_parse_failed:" + path + ": " + f.message());
      case StateFiles.Read.Loaded l -> state = l.json();
    }
    out.put("state_present", state != null);
    int processed = 0;
    if (state != null) {
      for (JsonNode key : state.path("processed_event_keys")) {
        if (key.isString() && !key.asString().isBlank()) {
          processed++;
        }
      }
    }
    out.put("processed_event_count", processed);
    ObjectNode channels = out.putObject("channels");
    if (state != null && state.path("channels").isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      state.path("channels").properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
      sorted.forEach(
          (name, channel) -> {
            ObjectNode c = channels.putObject(name);
            c.put("mode", orElse(Json.text(channel, "mode", ""), "unknown"));
            c.put("liveness", orElse(Json.text(channel, "liveness", ""), "unknown"));
            c.put("breaker_state", orElse(Json.text(channel, "breaker_state", ""), "unknown"));
            for (String field : CHANNEL_NUMBERS) {
              c.put(field, Json.number(channel, field, 0));
            }
            c.put(
                "breaker_last_open_reason",
                orElse(Json.text(channel, "breaker_last_open_reason", ""), "none"));
            c.put("last_error_code", orElse(Json.text(channel, "last_error_code", ""), "none"));
          });
    }
    return out;
  }

  private static String orElse(String value, String fallback) {
    return value.isBlank() ? fallback : value.strip();
  }
}
