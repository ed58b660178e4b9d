package dev.tau.deploy.runner;

import dev.tau.core.health.HealthState;
import dev.tau.core.health.TransportHealth;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read-only reports over a deployment state dir: {@code --deployment-status-inspect} (tau-spec
 * §4.7) and {@code --transport-health-inspect deployment} (§1.1). Pure functions of the files on
 * disk and the time they are asked at.
 */
public final class DeploymentStatus {
  /** The target string the health report names for the deployment transport. */
  public static final String HEALTH_TARGET = "cloud-and-wasm-runtime";

  private DeploymentStatus() {}

  /** A state file that is missing or cannot be read; the message says which and why. */
  public static final class StateUnavailable extends RuntimeException {
    StateUnavailable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The status report: health and gate, rollout counts by target, runtime, environment, outcome,
   * status and error code, the cycle reason codes, and freshness (when the state and the last cycle
   * were written, and how long ago).
   *
   * @param nowUnixMs the time the report is made (for the ages)
   * @throws StateUnavailable when {@code state.json} is missing or unreadable
   */
  public static ObjectNode status(Path stateDir, long nowUnixMs) {
    Path statePath = DeploymentState.file(stateDir);
    JsonNode state = readState(statePath);
    Path eventsPath = stateDir.resolve(DeploymentRunner.RUNTIME_EVENTS);
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
          } catch (IllegalArgumentException e) {
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
    out.put("failure_streak", health.failureStreak());
    out.put("last_cycle_failed", health.lastCycleFailed());
    out.put("queue_depth", health.queueDepth());
    int processed = 0;
    for (JsonNode key : state.path("processed_case_keys")) {
      if (key.isString() && !key.asString().isBlank()) {
        processed++;
      }
    }
    out.put("processed_case_count", processed);
    Map<String, Long> targets = new TreeMap<>();
    Map<String, Long> runtimes = new TreeMap<>();
    Map<String, Long> environments = new TreeMap<>();
    Map<String, Long> outcomes = new TreeMap<>();
    Map<String, Long> statusCodes = new TreeMap<>();
    Map<String, Long> errorCodes = new TreeMap<>();
    long rollouts = 0;
    long replicas = 0;
    long wasm = 0;
    long cloud = 0;
    for (JsonNode r : state.path("rollouts")) {
      if (!r.isObject()) {
        continue;
      }
      rollouts++;
      String target = Json.text(r, "deploy_target", "").strip();
      count(targets, target);
      count(runtimes, Json.text(r, "runtime_profile", "").strip());
      count(environments, Json.text(r, "environment", "").strip());
      count(outcomes, Json.text(r, "outcome", "").strip());
      long status = Json.number(r, "status_code", 0);
      if (status > 0) {
        count(statusCodes, Long.toString(status));
      }
      count(errorCodes, Json.text(r, "error_code", "").strip());
      replicas += Math.max(0, Json.number(r, "replicas", 0));
      if (target.equals(DeployTarget.WASM.wire())) {
        wasm++;
      } else if (!target.isEmpty()) {
        cloud++;
      }
    }
    out.put("rollout_count", rollouts);
    put(out, "target_counts", targets);
    put(out, "runtime_profile_counts", runtimes);
    put(out, "environment_counts", environments);
    put(out, "outcome_counts", outcomes);
    put(out, "status_code_counts", statusCodes);
    put(out, "error_code_counts", errorCodes);
    out.put("total_replicas", replicas);
    out.put("wasm_rollout_count", wasm);
    out.put("cloud_rollout_count", cloud);
    out.put("wasm_deliverable_count", state.path("wasm_deliverables").size());
    out.put("cycle_reports", cycles.size());
    out.put("invalid_cycle_reports", invalid);
    ArrayNode lastCodes = out.putArray("last_reason_codes");
    Map<String, Long> codeCounts = new TreeMap<>();
    for (JsonNode cycle : cycles) {
      for (JsonNode code : cycle.path("reason_codes")) {
        if (code.isString() && !code.asString().isBlank()) {
          count(codeCounts, code.asString().strip());
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
    put(out, "reason_code_counts", codeCounts);
    long updated = health.updatedUnixMs();
    out.put("state_updated_unix_ms", updated);
    out.put("state_age_ms", updated > 0 ? Math.max(0, nowUnixMs - updated) : -1);
    long lastCycle = cycles.isEmpty() ? 0 : Json.number(cycles.getLast(), "timestamp_unix_ms", 0);
    out.put("last_cycle_unix_ms", lastCycle);
    out.put("last_cycle_age_ms", lastCycle > 0 ? Math.max(0, nowUnixMs - lastCycle) : -1);
    out.set("health", health.toJson());
    return out;
  }

  /** The one-line text form of the status report. */
  public static String statusLine(ObjectNode s) {
    JsonNode h = s.path("health");
    return "deployment status inspect: state_path="
        + s.path("state_path").asString()
        + " health_state="
        + s.path("health_state").asString()
        + " rollout_gate="
        + s.path("rollout_gate").asString()
        + " processed_case_count="
        + s.path("processed_case_count").asLong()
        + " rollout_count="
        + s.path("rollout_count").asLong()
        + " target_counts="
        + map(s.path("target_counts"))
        + " runtime_profile_counts="
        + map(s.path("runtime_profile_counts"))
        + " environment_counts="
        + map(s.path("environment_counts"))
        + " outcome_counts="
        + map(s.path("outcome_counts"))
        + " status_code_counts="
        + map(s.path("status_code_counts"))
        + " error_code_counts="
        + map(s.path("error_code_counts"))
        + " total_replicas="
        + s.path("total_replicas").asLong()
        + " wasm_rollout_count="
        + s.path("wasm_rollout_count").asLong()
        + " cloud_rollout_count="
        + s.path("cloud_rollout_count").asLong()
        + " wasm_deliverable_count="
        + s.path("wasm_deliverable_count").asLong()
        + " cycle_reports="
        + s.path("cycle_reports").asLong()
        + " invalid_cycle_reports="
        + s.path("invalid_cycle_reports").asLong()
        + " last_reason_codes="
        + list(s.path("last_reason_codes"))
        + " reason_code_counts="
        + map(s.path("reason_code_counts"))
        + " state_updated_unix_ms="
        + s.path("state_updated_unix_ms").asLong()
        + " state_age_ms="
        + s.path("state_age_ms").asLong()
        + " last_cycle_unix_ms="
        + s.path("last_cycle_unix_ms").asLong()
        + " last_cycle_age_ms="
        + s.path("last_cycle_age_ms").asLong()
        + " queue_depth="
        + h.path("queue_depth").asLong()
        + " failure_streak="
        + h.path("failure_streak").asLong()
        + " last_cycle_failed="
        + h.path("last_cycle_failed").asLong()
        + " last_cycle_completed="
        + h.path("last_cycle_completed").asLong()
        + " health_reason="
        + s.path("health_reason").asString();
  }

  /**
   * {@code --transport-health-inspect deployment}: a one-row array with the snapshot, its
   * classification and the gate.
   *
   * @throws StateUnavailable when {@code state.json} is missing or unreadable
   */
  public static ArrayNode health(Path stateDir) {
    Path statePath = DeploymentState.file(stateDir);
    JsonNode state = readState(statePath);
    TransportHealth health = TransportHealth.fromJson(state.path("health"));
    TransportHealth.Classification c = health.classify();
    ArrayNode rows = Json.array();
    ObjectNode row = rows.addObject();
    row.put("transport", DeploymentRunner.TRANSPORT);
    row.put("target", HEALTH_TARGET);
    row.put("state_path", statePath.toString());
    row.set("health", health.toJson());
    HealthState s = c.state();
    row.put("health_state", s.wire());
    row.put("health_reason", c.reason());
    row.put("recommendation", c.recommendation());
    row.put("rollout_gate", s.gate().wire());
    return rows;
  }

  private static JsonNode readState(Path statePath) {
    if (!Files.isRegularFile(statePath)) {
      throw new StateUnavailable(
          "failed to read state file "
              + statePath
              + ": not found (run --deployment-contract-runner first, or check"
              + " --deployment-state-dir)");
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

  private static void count(Map<String, Long> counts, String key) {
    if (!key.isEmpty()) {
      counts.merge(key, 1L, Long::sum);
    }
  }

  private static void put(ObjectNode out, String field, Map<String, Long> counts) {
    ObjectNode node = out.putObject(field);
    counts.forEach(node::put);
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
