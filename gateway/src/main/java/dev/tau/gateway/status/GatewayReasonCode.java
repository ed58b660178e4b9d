package dev.tau.gateway.status;

import java.util.Locale;

/**
 * Reason codes the gateway posture adds to those of the service report ({@code service_stopped},
 * {@code guardrail_checks_passing}, …) and the events block.
 */
public enum GatewayReasonCode {
  /** The runner health in {@code state.json} is not healthy although the guardrail passes. */
  HEALTH_STATE_NOT_HEALTHY,
  /** {@code state.json} exists but cannot be read or parsed. */
  SERVICE_STATE_UNREADABLE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
