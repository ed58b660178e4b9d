package dev.tau.gateway.status;

import dev.tau.core.health.HealthState;
import dev.tau.core.health.RolloutGate;
import dev.tau.core.json.Json;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The routine-scheduler posture: the {@code events} block of {@code /gateway/status} and the {@code
 * events} component of the operator summary (tau-spec §2.8.3).
 */
public record EventsReport(
    boolean statePresent,
    String eventsDir,
    String statePath,
    HealthState healthState,
    RolloutGate rolloutGate,
    EventsReasonCode reasonCode,
    String healthReason,
    int discoveredEvents,
    int enabledEvents,
    int dueNowEvents,
    int queuedNowEvents,
    int notDueEvents,
    int staleImmediateEvents,
    int malformedEvents,
    int dueEvalFailedEvents,
    int executionHistoryEntries,
    int executedHistoryEntries,
    int failedHistoryEntries,
    int skippedHistoryEntries,
    long lastExecutionUnixMs,
    String lastExecutionReasonCode,
    List<String> diagnostics) {

  public EventsReport {
    Objects.requireNonNull(healthState, "healthState");
    Objects.requireNonNull(rolloutGate, "rolloutGate");
    Objects.requireNonNull(reasonCode, "reasonCode");
    diagnostics = List.copyOf(diagnostics);
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("state_present", statePresent);
    n.put("events_dir", eventsDir);
    n.put("state_path", statePath);
    n.put("health_state", healthState.wire());
    n.put("rollout_gate", rolloutGate.wire());
    n.put("reason_code", reasonCode.wire());
    n.put("health_reason", healthReason);
    n.put("discovered_events", discoveredEvents);
    n.put("enabled_events", enabledEvents);
    n.put("due_now_events", dueNowEvents);
    n.put("queued_now_events", queuedNowEvents);
    n.put("not_due_events", notDueEvents);
    n.put("stale_immediate_events", staleImmediateEvents);
    n.put("malformed_events", malformedEvents);
    n.put("due_eval_failed_events", dueEvalFailedEvents);
    n.put("execution_history_entries", executionHistoryEntries);
    n.put("executed_history_entries", executedHistoryEntries);
    n.put("failed_history_entries", failedHistoryEntries);
    n.put("skipped_history_entries", skippedHistoryEntries);
    n.put("last_execution_unix_ms", lastExecutionUnixMs);
    n.put("last_execution_reason_code", lastExecutionReasonCode);
    diagnostics.forEach(n.putArray("diagnostics")::add);
    return n;
  }
}
