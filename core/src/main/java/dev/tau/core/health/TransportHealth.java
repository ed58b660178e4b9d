package dev.tau.core.health;

import dev.tau.core.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code health} object of every runner {@code state.json} (tau-spec §1.1), with its
 * classification. Absent fields read as 0.
 */
public record TransportHealth(
    long updatedUnixMs,
    long cycleDurationMs,
    long queueDepth,
    long activeRuns,
    long failureStreak,
    long lastCycleDiscovered,
    long lastCycleProcessed,
    long lastCycleCompleted,
    long lastCycleFailed,
    long lastCycleDuplicates) {

  public static final TransportHealth EMPTY = new TransportHealth(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** A classification: state, reason and what the operator should do. */
  public record Classification(HealthState state, String reason, String recommendation) {}

  public Classification classify() {
    if (failureStreak >= 3) {
      return new Classification(
          HealthState.FAILING,
          "transport failures are sustained (failure_streak=" + failureStreak + ")",
          "check bridge credentials/connectivity and restart the transport worker");
    }
    if (failureStreak > 0 || lastCycleFailed > 0) {
      return new Classification(
          HealthState.DEGRADED,
          "recent transport failures observed (failure_streak="
              + failureStreak
              + ", last_cycle_failed="
              + lastCycleFailed
              + ")",
          "inspect bridge logs and watch the next poll cycle");
    }
    return new Classification(
        HealthState.HEALTHY,
        "no recent transport failures observed",
        "no immediate action required");
  }

  public static TransportHealth fromJson(JsonNode node) {
    return new TransportHealth(
        Json.number(node, "updated_unix_ms", 0),
        Json.number(node, "cycle_duration_ms", 0),
        Json.number(node, "queue_depth", 0),
        Json.number(node, "active_runs", 0),
        Json.number(node, "failure_streak", 0),
        Json.number(node, "last_cycle_discovered", 0),
        Json.number(node, "last_cycle_processed", 0),
        Json.number(node, "last_cycle_completed", 0),
        Json.number(node, "last_cycle_failed", 0),
        Json.number(node, "last_cycle_duplicates", 0));
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("updated_unix_ms", updatedUnixMs);
    node.put("cycle_duration_ms", cycleDurationMs);
    node.put("queue_depth", queueDepth);
    node.put("active_runs", activeRuns);
    node.put("failure_streak", failureStreak);
    node.put("last_cycle_discovered", lastCycleDiscovered);
    node.put("last_cycle_processed", lastCycleProcessed);
    node.put("last_cycle_completed", lastCycleCompleted);
    node.put("last_cycle_failed", lastCycleFailed);
    node.put("last_cycle_duplicates", lastCycleDuplicates);
    return node;
  }
}
