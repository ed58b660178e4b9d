package dev.tau.gateway.ui;

import dev.tau.core.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dashboard's deployment card, made from the {@code deployment} block of {@code
 * /gateway/status} (so the card and the status route never disagree). The reason code is the last
 * code of the runner's newest cycle, else {@code deployment_status}; without a readable state file
 * it is {@code state_unavailable}. The facts are the runner's §1.1 figures, its rollouts by kind
 * and how old its state is.
 */
final class DeploymentHealth {
  private DeploymentHealth() {}

  /** Fills {@code card} from the status {@code block}. */
  static void card(JsonNode block, ObjectNode card) {
    card.put("health_state", Json.text(block, "health_state", "unknown"));
    card.put("rollout_gate", Json.text(block, "rollout_gate", "hold"));
    card.put("reason_code", reasonCode(block));
    card.put("health_reason", Json.text(block, "health_reason", ""));
    card.put("state_path", Json.text(block, "state_path", ""));
    card.put("rollouts", block.path("rollout_count").asLong(0));
    ArrayNode facts = card.putArray("facts");
    facts.addArray().add("Failure streak").add(block.path("failure_streak").asLong(0));
    facts.addArray().add("Last cycle failed").add(block.path("last_cycle_failed").asLong(0));
    facts.addArray().add("Queue depth").add(block.path("queue_depth").asLong(0));
    facts.addArray().add("WASM rollouts").add(block.path("wasm_rollout_count").asLong(0));
    facts.addArray().add("Cloud rollouts").add(block.path("cloud_rollout_count").asLong(0));
    facts.addArray().add("State age").add(age(block.path("freshness").path("state_age_ms")));
  }

  private static String reasonCode(JsonNode block) {
    if (!block.path("state_present").asBoolean(false)) {
      return DashboardReasonCode.STATE_UNAVAILABLE.wire();
    }
    JsonNode codes = block.path("last_reason_codes");
    return codes.isArray() && !codes.isEmpty()
        ? codes.get(codes.size() - 1).asString()
        : DashboardReasonCode.DEPLOYMENT_STATUS.wire();
  }

  private static String age(JsonNode ageMs) {
    long ms = ageMs.asLong(-1);
    if (ms < 0) {
      return "never written";
    }
    long seconds = ms / 1000;
    return seconds < 120
        ? seconds + " s"
        : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
  }
}
