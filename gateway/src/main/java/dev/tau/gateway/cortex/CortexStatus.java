package dev.tau.gateway.cortex;

import dev.tau.core.health.HealthState;
import dev.tau.core.health.RolloutGate;
import dev.tau.core.json.Json;
import java.util.Objects;
import java.util.OptionalLong;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cortex readiness ({@code GET /cortex/status}, tau-spec §2.9.2): a pure function of an {@link
 * ObserverScan} and the time. Only {@code cortex_ready} passes the gate; a fresh state directory
 * (no log) is {@code failing}/{@code hold}/{@code cortex_observer_events_missing}, and readiness
 * needs a {@code cortex.chat.request} within the last six hours and no malformed line.
 */
public record CortexStatus(
    long generatedUnixMs,
    ObserverScan scan,
    HealthState healthState,
    CortexReasonCode reasonCode,
    String healthReason,
    OptionalLong lastEventAgeSeconds) {

  /** Events older than this make the log stale. */
  public static final long STALE_AFTER_SECONDS = 21_600;

  public CortexStatus {
    Objects.requireNonNull(scan, "scan");
    Objects.requireNonNull(healthState, "healthState");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(healthReason, "healthReason");
    Objects.requireNonNull(lastEventAgeSeconds, "lastEventAgeSeconds");
  }

  /** {@code pass} only when ready. */
  public RolloutGate rolloutGate() {
    return reasonCode == CortexReasonCode.CORTEX_READY ? RolloutGate.PASS : RolloutGate.HOLD;
  }

  /** Classifies {@code scan} at {@code nowUnixMs}; the first matching row wins. */
  public static CortexStatus classify(ObserverScan scan, long nowUnixMs) {
    OptionalLong age =
        scan.lastEventUnixMs().isPresent()
            ? OptionalLong.of(Math.max(0, nowUnixMs - scan.lastEventUnixMs().getAsLong()) / 1000)
            : OptionalLong.empty();
    HealthState state;
    CortexReasonCode code;
    String why;
    if (scan.file() == ObserverScan.FileState.MISSING) {
      state = HealthState.FAILING;
      code = CortexReasonCode.CORTEX_OBSERVER_EVENTS_MISSING;
      why = "no cortex observer log yet; run a cortex chat (POST /cortex/chat) to create it";
    } else if (scan.file() == ObserverScan.FileState.READ_FAILED) {
      state = HealthState.FAILING;
      code = CortexReasonCode.CORTEX_OBSERVER_EVENTS_READ_FAILED;
      why = "the cortex observer log cannot be read";
    } else if (scan.totalEvents() == 0 && scan.invalidEvents() > 0) {
      state = HealthState.FAILING;
      code = CortexReasonCode.CORTEX_OBSERVER_EVENTS_MALFORMED;
      why = "every line of the cortex observer log is malformed";
    } else if (scan.totalEvents() == 0) {
      state = HealthState.DEGRADED;
      code = CortexReasonCode.CORTEX_OBSERVER_EVENTS_EMPTY;
      why = "the cortex observer log has no events";
    } else if (scan.invalidEvents() > 0) {
      state = HealthState.DEGRADED;
      code = CortexReasonCode.CORTEX_OBSERVER_EVENTS_MALFORMED;
      why = scan.invalidEvents() + " line(s) of the cortex observer log are malformed";
    } else if (scan.count(ObserverEventType.CORTEX_CHAT_REQUEST) == 0) {
      state = HealthState.DEGRADED;
      code = CortexReasonCode.CORTEX_CHAT_ACTIVITY_MISSING;
      why = "no cortex chat has been recorded; run POST /cortex/chat";
    } else if (age.isEmpty()) {
      state = HealthState.DEGRADED;
      code = CortexReasonCode.CORTEX_OBSERVER_LAST_EVENT_UNKNOWN;
      why = "no observer event carries a timestamp";
    } else if (age.getAsLong() > STALE_AFTER_SECONDS) {
      state = HealthState.DEGRADED;
      code = CortexReasonCode.CORTEX_OBSERVER_EVENTS_STALE;
      why =
          "the newest observer event is "
              + age.getAsLong()
              + " s old (more than "
              + STALE_AFTER_SECONDS
              + " s)";
    } else {
      state = HealthState.HEALTHY;
      code = CortexReasonCode.CORTEX_READY;
      why = "cortex chat activity is recent and the observer log is clean";
    }
    return new CortexStatus(nowUnixMs, scan, state, code, why, age);
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("schema_version", 1);
    n.put("generated_unix_ms", generatedUnixMs);
    n.put("state_present", scan.file() == ObserverScan.FileState.PRESENT);
    n.put("health_state", healthState.wire());
    n.put("rollout_gate", rolloutGate().wire());
    n.put("reason_code", reasonCode.wire());
    n.put("health_reason", healthReason);
    n.put("log_path", scan.path());
    n.put("total_events", scan.totalEvents());
    n.put("invalid_events", scan.invalidEvents());
    if (scan.lastEventUnixMs().isPresent()) {
      n.put("last_event_unix_ms", scan.lastEventUnixMs().getAsLong());
    } else {
      n.putNull("last_event_unix_ms");
    }
    if (lastEventAgeSeconds.isPresent()) {
      n.put("last_event_age_seconds", lastEventAgeSeconds.getAsLong());
    } else {
      n.putNull("last_event_age_seconds");
    }
    ObjectNode counts = n.putObject("event_type_counts");
    new java.util.TreeMap<>(scan.eventTypeCounts()).forEach(counts::put);
    var recent = n.putArray("recent_events");
    scan.recentEvents().forEach(recent::add);
    var diagnostics = n.putArray("diagnostics");
    scan.diagnostics().forEach(diagnostics::add);
    return n;
  }

  /** One line for the Cortex chat prompt: posture, totals, age, top-5 types, ≤3 diagnostics. */
  public String summaryLine() {
    StringBuilder b = new StringBuilder();
    b.append("health_state=").append(healthState.wire());
    b.append(" rollout_gate=").append(rolloutGate().wire());
    b.append(" reason_code=").append(reasonCode.wire());
    b.append(" total_events=").append(scan.totalEvents());
    b.append(" invalid_events=").append(scan.invalidEvents());
    b.append(" last_event_age_seconds=")
        .append(lastEventAgeSeconds.isPresent() ? lastEventAgeSeconds.getAsLong() : "unknown");
    b.append(" top_event_types=");
    String top =
        scan.eventTypeCounts().entrySet().stream()
            .sorted(
                java.util.Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(java.util.Map.Entry.comparingByKey()))
            .limit(5)
            .map(e -> e.getKey() + ":" + e.getValue())
            .collect(java.util.stream.Collectors.joining(","));
    b.append(top.isEmpty() ? "none" : top);
    b.append(" diagnostics=");
    String diag = String.join(",", scan.diagnostics().stream().limit(3).toList());
    b.append(diag.isEmpty() ? "none" : diag);
    return b.toString();
  }
}
