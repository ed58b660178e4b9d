package dev.tau.cli.gateway;

import dev.tau.gateway.a2a.A2aEvents;
import dev.tau.telemetry.Telemetry;
import dev.tau.telemetry.TelemetryEvent;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the A2A contract's events to telemetry with the payload keys of zavora-spec §7: {@code
 * a2a.ping.received} ({@code from_agent, to_agent, message_id}), {@code a2a.ping.responded} ({@code
 * message_id, status}), {@code a2a.smoke.passed} ({@code from_agent, to_agent, message_id}).
 */
final class A2aTelemetry implements A2aEvents {
  private final Telemetry telemetry;

  A2aTelemetry(Telemetry telemetry) {
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
  }

  @Override
  public void pingReceived(String fromAgent, String toAgent, String messageId) {
    telemetry.emit(
        TelemetryEvent.A2A_PING_RECEIVED,
        Map.of("from_agent", fromAgent, "to_agent", toAgent, "message_id", messageId));
  }

  @Override
  public void pingResponded(String messageId, String status) {
    telemetry.emit(
        TelemetryEvent.A2A_PING_RESPONDED, Map.of("message_id", messageId, "status", status));
  }

  @Override
  public void smokePassed(String fromAgent, String toAgent, String messageId) {
    telemetry.emit(
        TelemetryEvent.A2A_SMOKE_PASSED,
        Map.of("from_agent", fromAgent, "to_agent", toAgent, "message_id", messageId));
  }
}
