package dev.tau.gateway.ui;

import java.util.Locale;

/**
 * Reason codes the dashboard gives for components whose own status has none (tau-spec §3.3
 * operator-summary fallbacks).
 */
public enum DashboardReasonCode {
  /** The component's {@code state.json} is missing or cannot be read. */
  STATE_UNAVAILABLE,
  /** The multi-channel runner's cycles carried no reason code. */
  MULTI_CHANNEL_STATUS,
  /** The deployment runner's cycles carried no reason code. */
  DEPLOYMENT_STATUS;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
