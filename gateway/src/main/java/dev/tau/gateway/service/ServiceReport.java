package dev.tau.gateway.service;

import dev.tau.core.health.RolloutGate;
import dev.tau.core.health.TransportHealth;
import dev.tau.core.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** The gateway service posture (tau-spec §2.12 {@code GatewayServiceStatusReport}). */
public record ServiceReport(
    String statePath,
    ServiceStatus serviceStatus,
    RolloutGate rolloutGate,
    String rolloutReasonCode,
    RolloutGate guardrailGate,
    String guardrailReasonCode,
    long startupAttempts,
    long startupFailureStreak,
    String lastStartupError,
    long lastStartedUnixMs,
    long lastStoppedUnixMs,
    long lastTransitionUnixMs,
    String lastStopReason,
    TransportHealth health) {

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("state_path", statePath);
    node.put("service_status", serviceStatus.wire());
    node.put("rollout_gate", rolloutGate.wire());
    node.put("rollout_reason_code", rolloutReasonCode);
    node.put("guardrail_gate", guardrailGate.wire());
    node.put("guardrail_reason_code", guardrailReasonCode);
    node.put("service_startup_attempts", startupAttempts);
    node.put("service_startup_failure_streak", startupFailureStreak);
    node.put("service_last_startup_error", lastStartupError);
    node.put("service_last_started_unix_ms", lastStartedUnixMs);
    node.put("service_last_stopped_unix_ms", lastStoppedUnixMs);
    node.put("service_last_transition_unix_ms", lastTransitionUnixMs);
    node.put("service_last_stop_reason", lastStopReason);
    node.set("health", health.toJson());
    return node;
  }

  /** The one-line text form. */
  public String toLine() {
    return "gateway service status: state_path="
        + statePath
        + " service_status="
        + serviceStatus.wire()
        + " rollout_gate="
        + rolloutGate.wire()
        + " rollout_reason_code="
        + rolloutReasonCode
        + " guardrail_gate="
        + guardrailGate.wire()
        + " guardrail_reason_code="
        + guardrailReasonCode
        + " startup_attempts="
        + startupAttempts
        + " startup_failure_streak="
        + startupFailureStreak
        + " last_startup_error="
        + (lastStartupError.isBlank() ? "none" : lastStartupError)
        + " last_started_unix_ms="
        + lastStartedUnixMs
        + " last_stopped_unix_ms="
        + lastStoppedUnixMs
        + " last_transition_unix_ms="
        + lastTransitionUnixMs
        + " last_stop_reason="
        + (lastStopReason.isBlank() ? "none" : lastStopReason)
        + " queue_depth="
        + health.queueDepth()
        + " failure_streak="
        + health.failureStreak()
        + " last_cycle_failed="
        + health.lastCycleFailed()
        + " last_cycle_completed="
        + health.lastCycleCompleted();
  }
}
