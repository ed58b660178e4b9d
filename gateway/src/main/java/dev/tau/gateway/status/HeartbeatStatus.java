package dev.tau.gateway.status;

import dev.tau.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code runtime_heartbeat} block of {@code /gateway/status}: a snapshot of {@code
 * <gateway-state-dir>/runtime-heartbeat/state.json} (tau-spec §2.8.4). A missing file reads as
 * {@code run_state=unknown}, {@code reason_code=heartbeat_state_missing}.
 */
public final class HeartbeatStatus {
  private static final List<String> NUMBERS =
      List.of(
          "schema_version",
          "updated_unix_ms",
          "interval_ms",
          "tick_count",
          "last_tick_unix_ms",
          "queue_depth",
          "pending_events",
          "pending_jobs",
          "temp_files_cleaned",
          "stuck_jobs",
          "stuck_tool_builds",
          "repair_actions",
          "retries_queued",
          "retries_exhausted",
          "orphan_artifacts_cleaned",
          "lifecycle_runs",
          "lifecycle_failures",
          "lifecycle_scanned_records",
          "lifecycle_updated_records",
          "lifecycle_pruned_records",
          "lifecycle_duplicate_forgotten_records");

  private HeartbeatStatus() {}

  public static ObjectNode read(Path statePath) {
    ObjectNode out = Json.object();
    ArrayNode diagnostics = Json.array();
    JsonNode state = null;
    String reason = null;
    switch (StateFiles.readObject(statePath)) {
      case StateFiles.Read.Missing m -> {
        reason = HeartbeatReasonCode.HEARTBEAT_STATE_MISSING.wire();
        diagnostics.add("heartbeat_state_missing:" + statePath);
      }
      case StateFiles.Read.ReadFailed f -> {
        reason = HeartbeatReasonCode.HEARTBEAT_STATE_READ_FAILED.wire();
        diagnostics.add("heartbeat_state_read_failed:" + statePath + ": " + f.message());
      }
      case StateFiles.Read.ParseFailed f -> {
        reason = HeartbeatReasonCode.HEARTBEAT_STATE_READ_FAILED.wire();
        diagnostics.add("heartbeat_state_read_failed:" + statePath + ": " + f.message());
      }
      case StateFiles.Read.Loaded l -> state = l.json();
    }
    for (String field : NUMBERS) {
      out.put(field, Json.number(state, field, 0));
    }
    out.put("enabled", state != null && state.path("enabled").asBoolean(false));
    out.put("run_state", state == null ? "unknown" : Json.text(state, "run_state", "unknown"));
    out.put("reason_code", reason != null ? reason : Json.text(state, "reason_code", ""));
    ArrayNode codes = out.putArray("reason_codes");
    if (state != null) {
      for (JsonNode code : state.path("reason_codes")) {
        if (code.isString()) {
          codes.add(code.asString());
        }
      }
      for (JsonNode d : state.path("diagnostics")) {
        if (d.isString()) {
          diagnostics.add(d.asString());
        }
      }
    } else {
      codes.add(reason);
    }
    out.set("diagnostics", diagnostics);
    out.put("state_path", statePath.toString());
    return out;
  }
}
