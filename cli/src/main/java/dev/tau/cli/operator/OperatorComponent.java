package dev.tau.cli.operator;

/**
 * The components the summary reads, in report order, each from {@code <state-dir>/state.json} and
 * {@code runtime-events.jsonl} under its default state directory {@code .tau/<name>}.
 */
public enum OperatorComponent {
  EVENTS("events", null),
  DASHBOARD("dashboard", OperatorReasonCode.DASHBOARD_STATUS),
  MULTI_CHANNEL("multi-channel", OperatorReasonCode.MULTI_CHANNEL_STATUS),
  MULTI_AGENT("multi-agent", OperatorReasonCode.MULTI_AGENT_STATUS),
  GATEWAY("gateway", OperatorReasonCode.GATEWAY_STATUS),
  DEPLOYMENT("deployment", OperatorReasonCode.DEPLOYMENT_STATUS),
  CUSTOM_COMMAND("custom-command", OperatorReasonCode.CUSTOM_COMMAND_STATUS),
  VOICE("voice", OperatorReasonCode.VOICE_STATUS);

  private final String wire;
  private final OperatorReasonCode fallback;

  OperatorComponent(String wire, OperatorReasonCode fallback) {
    this.wire = wire;
    this.fallback = fallback;
  }

  /** The component name in the report and the default state directory name. */
  public String wire() {
    return wire;
  }

  /** The reason used when the last cycle line names none. */
  OperatorReasonCode fallback() {
    return fallback;
  }
}
