package dev.tau.cli.operator;

import java.util.Locale;

/** Reason codes the operator control summary assigns itself (tau-spec §3.3). */
public enum OperatorReasonCode {
  /** A component's {@code state.json} is missing or cannot be read or parsed. */
  STATE_UNAVAILABLE,
  // fallbacks when a component's last cycle line names no reason
  DASHBOARD_STATUS,
  MULTI_CHANNEL_STATUS,
  MULTI_AGENT_STATUS,
  DEPLOYMENT_STATUS,
  CUSTOM_COMMAND_STATUS,
  VOICE_STATUS,
  GATEWAY_STATUS,
  /** The events component's name for malformed event definitions. */
  EVENTS_DEFINITION_INVALID,
  DAEMON_RUNNING,
  DAEMON_NOT_RUNNING,
  DAEMON_NOT_INSTALLED,
  DAEMON_STATUS_UNAVAILABLE,
  RELEASE_CHANNEL_LOADED,
  RELEASE_CHANNEL_MISSING,
  RELEASE_CHANNEL_LOAD_FAILED,
  /** Nothing holds. */
  ALL_CHECKS_PASSING;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
