package dev.tau.gateway.status;

import dev.tau.core.health.HealthState;
import dev.tau.core.health.RolloutGate;
import dev.tau.core.health.TransportHealth;
import dev.tau.gateway.service.ServiceReport;
import dev.tau.gateway.service.ServiceStatus;
import java.util.Objects;

/**
 * The gateway's own verdict: the top-level {@code health_state}, {@code rollout_gate} and {@code
 * reason_code} of {@code /gateway/status}, so an operator (and the readiness script) reads the
 * posture directly instead of digging through the blocks.
 *
 * <p>Health is the worse of the runner health in {@code state.json} and the events posture; a
 * stopped service does not make the process unhealthy, it holds the gate ({@code hold}/{@code
 * service_stopped}). The gate holds when the service gate holds, when the events posture holds, or
 * when health is not healthy; the reason is the first of those that applies.
 */
public record GatewayPosture(
    HealthState healthState, RolloutGate rolloutGate, String reasonCode, String healthReason) {

  public GatewayPosture {
    Objects.requireNonNull(healthState, "healthState");
    Objects.requireNonNull(rolloutGate, "rolloutGate");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(healthReason, "healthReason");
  }

  /** The posture from the service report and the events posture. */
  public static GatewayPosture of(ServiceReport service, EventsReport events) {
    TransportHealth.Classification runner = service.health().classify();
    HealthState health = runner.state().worst(events.healthState());
    if (service.rolloutGate() == RolloutGate.HOLD) {
      String why =
          service.serviceStatus() == ServiceStatus.STOPPED
              ? "gateway service is stopped (last_stop_reason="
                  + (service.lastStopReason().isBlank() ? "none" : service.lastStopReason())
                  + "); start it to resume traffic"
              : "gateway guardrail holds (" + service.guardrailReasonCode() + ")";
      return new GatewayPosture(health, RolloutGate.HOLD, service.rolloutReasonCode(), why);
    }
    if (events.rolloutGate() == RolloutGate.HOLD) {
      return new GatewayPosture(
          health, RolloutGate.HOLD, events.reasonCode().wire(), events.healthReason());
    }
    if (health != HealthState.HEALTHY) {
      return new GatewayPosture(
          health,
          RolloutGate.HOLD,
          GatewayReasonCode.HEALTH_STATE_NOT_HEALTHY.wire(),
          runner.reason());
    }
    return new GatewayPosture(
        HealthState.HEALTHY,
        RolloutGate.PASS,
        service.rolloutReasonCode(),
        "gateway service running; " + runner.reason());
  }

  /** The posture when {@code state.json} cannot be read. */
  public static GatewayPosture unreadable(String problem) {
    return new GatewayPosture(
        HealthState.FAILING,
        RolloutGate.HOLD,
        GatewayReasonCode.SERVICE_STATE_UNREADABLE.wire(),
        problem);
  }
}
