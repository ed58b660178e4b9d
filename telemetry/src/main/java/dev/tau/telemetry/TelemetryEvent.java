package dev.tau.telemetry;

import java.util.Locale;

/**
 * The telemetry event names (zavora-spec §7.2 catalogue). {@link #wire()} is the exact {@code
 * event} string written to the JSONL file.
 */
public enum TelemetryEvent {
  COMMAND_STARTED("command.started"),
  COMMAND_COMPLETED("command.completed"),
  COMMAND_FAILED("command.failed"),
  MODEL_RESOLVED("model.resolved"),
  TOOL_REQUESTED("tool.requested"),
  TOOL_SUCCEEDED("tool.succeeded"),
  TOOL_FAILED("tool.failed"),
  GUARDRAIL_INPUT_OBSERVED("guardrail.input.observed"),
  GUARDRAIL_INPUT_BLOCKED("guardrail.input.blocked"),
  GUARDRAIL_INPUT_REDACTED("guardrail.input.redacted"),
  GUARDRAIL_OUTPUT_OBSERVED("guardrail.output.observed"),
  GUARDRAIL_OUTPUT_BLOCKED("guardrail.output.blocked"),
  GUARDRAIL_OUTPUT_REDACTED("guardrail.output.redacted"),
  CHAT_STARTED("chat.started"),
  CHAT_PROVIDER_SWITCHED("chat.provider_switched"),
  CHAT_MODEL_SWITCHED("chat.model_switched"),
  SERVER_STARTED("server.started"),
  SERVER_ASK_COMPLETED("server.ask.completed"),
  SERVER_INTERRUPT("server.interrupt"),
  A2A_PING_RECEIVED("a2a.ping.received"),
  A2A_PING_RESPONDED("a2a.ping.responded"),
  A2A_SMOKE_PASSED("a2a.smoke.passed"),
  EVAL_COMPLETED("eval.completed");

  private final String wire;

  TelemetryEvent(String wire) {
    this.wire = wire;
  }

  /** The {@code event} field value, e.g. {@code command.started}. */
  public String wire() {
    return wire;
  }

  /**
   * The guardrail event for a direction ({@code input}/{@code output}) and an outcome ({@code
   * observed}/{@code blocked}/{@code redacted}).
   *
   * @throws IllegalArgumentException naming the bad direction or outcome
   */
  public static TelemetryEvent guardrail(String direction, String outcome) {
    String wire =
        "guardrail." + direction.toLowerCase(Locale.ROOT) + "." + outcome.toLowerCase(Locale.ROOT);
    for (TelemetryEvent e : values()) {
      if (e.wire.equals(wire)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "no guardrail telemetry event for direction '"
            + direction
            + "' and outcome '"
            + outcome
            + "' (direction input|output, outcome observed|blocked|redacted)");
  }
}
