package dev.tau.gateway.status;

import dev.tau.core.health.HealthState;
import dev.tau.core.json.Json;
import dev.tau.deploy.runner.DeploymentState;
import dev.tau.deploy.runner.DeploymentStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code deployment} block of {@code /gateway/status}: the deployment runner's health read from
 * its state dir ({@code state.json}, {@code runtime-events.jsonl}) through the same report as
 * {@code --deployment-status-inspect}, cut to what an operator watches. Without a state file the
 * health is {@code unknown} (the runner never ran), with an unreadable one {@code failing}; both
 * hold, and the diagnostics say why.
 */
public final class DeploymentHealthStatus {
  private static final List<String> NUMBERS =
      List.of(
          "failure_streak",
          "last_cycle_failed",
          "queue_depth",
          "processed_case_count",
          "rollout_count",
          "wasm_rollout_count",
          "cloud_rollout_count",
          "wasm_deliverable_count",
          "cycle_reports",
          "invalid_cycle_reports");
  private static final List<String> FRESHNESS =
      List.of("state_updated_unix_ms", "state_age_ms", "last_cycle_unix_ms", "last_cycle_age_ms");

  private DeploymentHealthStatus() {}

  /** Reads {@code stateDir} as of {@code nowUnixMs} (for the freshness ages). */
  public static ObjectNode read(Path stateDir, long nowUnixMs) {
    Path statePath = DeploymentState.file(stateDir);
    ObjectNode out = Json.object();
    ObjectNode report;
    try {
      report = DeploymentStatus.status(stateDir, nowUnixMs);
    } catch (DeploymentStatus.StateUnavailable e) {
      // never written: the runner has not run (unknown); there but unreadable: failing
      boolean missing = !Files.exists(statePath);
      HealthState state = missing ? HealthState.UNKNOWN : HealthState.FAILING;
      out.put("state_present", false);
      out.put("state_path", statePath.toString());
      out.put("health_state", state.wire());
      out.put(
          "health_reason",
          missing
              ? "the deployment runner has not written state yet"
              : "deployment state is unreadable");
      out.put("rollout_gate", state.gate().wire());
      NUMBERS.forEach(field -> out.put(field, 0));
      out.putArray("last_reason_codes");
      ObjectNode freshness = out.putObject("freshness");
      FRESHNESS.forEach(field -> freshness.put(field, field.endsWith("_age_ms") ? -1 : 0));
      out.putArray("diagnostics").add(e.getMessage());
      return out;
    }
    out.put("state_present", true);
    out.put("state_path", report.path("state_path").asString());
    for (String field : List.of("health_state", "health_reason", "rollout_gate")) {
      out.put(field, report.path(field).asString());
    }
    NUMBERS.forEach(field -> out.put(field, report.path(field).asLong()));
    out.set("last_reason_codes", report.path("last_reason_codes"));
    ObjectNode freshness = out.putObject("freshness");
    FRESHNESS.forEach(field -> freshness.put(field, report.path(field).asLong()));
    var diagnostics = out.putArray("diagnostics");
    if (!report.path("events_log_present").asBoolean()) {
      diagnostics.add("events_log_missing:" + report.path("events_log_path").asString());
    }
    JsonNode invalid = report.path("invalid_cycle_reports");
    if (invalid.asLong() > 0) {
      diagnostics.add("invalid_cycle_reports:" + invalid.asLong());
    }
    return out;
  }
}
