package dev.tau.gateway.ui;

import dev.tau.core.health.HealthState;
import dev.tau.core.health.TransportHealth;
import dev.tau.core.json.Json;
import dev.tau.gateway.status.StateFiles;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deployment runner's posture for the dashboard, from {@code <tau_root>/deployment/state.json}
 * and its {@code runtime-events.jsonl} (tau-spec §4.5, §4.6). Health is the §1.1 classification of
 * the {@code health} block; the reason code is the last code of the newest cycle, else {@code
 * deployment_status}. A missing state file is {@code unknown} (the runner has never run); an
 * unreadable one is {@code failing}; both hold with {@code state_unavailable}.
 */
final class DeploymentHealth {
  private DeploymentHealth() {}

  static ObjectNode read(Path dir) {
    Path statePath = dir.resolve("state.json");
    ObjectNode out = Json.object();
    out.put("state_path", statePath.toString());
    JsonNode state =
        switch (StateFiles.readObject(statePath)) {
          case StateFiles.Read.Loaded loaded -> loaded.json();
          case StateFiles.Read.Missing missing -> {
            unavailable(
                out, HealthState.UNKNOWN, "the deployment runner has not written state yet");
            yield null;
          }
          case StateFiles.Read.ReadFailed failed -> {
            unavailable(
                out, HealthState.FAILING, "cannot read deployment state: " + failed.message());
            yield null;
          }
          case StateFiles.Read.ParseFailed failed -> {
            unavailable(
                out, HealthState.FAILING, "cannot parse deployment state: " + failed.message());
            yield null;
          }
        };
    if (state == null) {
      return out;
    }
    TransportHealth.Classification health =
        TransportHealth.fromJson(state.path("health")).classify();
    String reason = DashboardReasonCode.DEPLOYMENT_STATUS.wire();
    JsonNode lastCycle = StateFiles.readLines(dir.resolve("runtime-events.jsonl")).last();
    if (lastCycle != null) {
      for (JsonNode code : lastCycle.path("reason_codes")) {
        if (code.isString() && !code.asString().isBlank()) {
          reason = code.asString().strip();
        }
      }
    }
    out.put("health_state", health.state().wire());
    out.put("rollout_gate", health.state().gate().wire());
    out.put("reason_code", reason);
    out.put("health_reason", health.reason());
    out.put("rollouts", state.path("rollouts").size());
    return out;
  }

  private static void unavailable(ObjectNode out, HealthState state, String why) {
    out.put("health_state", state.wire());
    out.put("rollout_gate", state.gate().wire());
    out.put("reason_code", DashboardReasonCode.STATE_UNAVAILABLE.wire());
    out.put("health_reason", why);
  }
}
