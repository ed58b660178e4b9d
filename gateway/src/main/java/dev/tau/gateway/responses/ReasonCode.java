package dev.tau.gateway.responses;

import java.util.Locale;

/**
 * How a model-facing request ended, as counted in {@link ResponsesRuntime#toJson()}'s {@code
 * reason_code_counts}. Failures are counted under their {@link dev.tau.gateway.http.ErrorCode}
 * instead.
 */
public enum ReasonCode {
  /** The model answered. */
  RESPONSE_COMPLETED,
  /** A limit (turns, tool calls, output tokens, content filter) ended the answer early. */
  RESPONSE_INCOMPLETE,
  /** The model called client-declared functions; the client runs them and sends the output. */
  FUNCTION_CALLS_RETURNED,
  /** The client went away mid-stream; the run was cancelled. */
  CLIENT_DISCONNECTED,
  /** The gateway shut down before the run finished; the run was cancelled. */
  GATEWAY_DRAINING,
  /** The answer was produced but could not be stored for {@code GET /v1/responses/{id}}. */
  RESPONSE_STORE_FAILED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
