package dev.tau.gateway.http;

import java.util.Locale;

/**
 * Every error code the gateway returns, with its HTTP status. Serialised as the snake_case name in
 * {@code {"error":{"message","type","param","code"}}}.
 */
public enum ErrorCode {
  MALFORMED_JSON(400),
  MISSING_INPUT(400),
  INVALID_INPUT(400),
  INVALID_FUNCTION_CALL_OUTPUT(400),
  INVALID_MESSAGES(400),
  MISSING_MESSAGES(400),
  MISSING_PROMPT(400),
  INVALID_REQUEST(400),
  AUTH_MODE_MISMATCH(400),
  INVALID_CORTEX_INPUT(400),
  GUARDRAIL_BLOCKED_INPUT(400),
  UNAUTHORIZED(401),
  INVALID_CREDENTIALS(401),
  GUARDRAIL_BLOCKED_OUTPUT(403),
  NOT_FOUND(404),
  RESPONSE_NOT_FOUND(404),
  SESSION_NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  REQUEST_TIMEOUT(408),
  SESSION_BUSY(409),
  INPUT_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  RATE_LIMITED(429),
  INTERNAL_ERROR(500),
  GATEWAY_RUNTIME_ERROR(502),
  SERVICE_UNAVAILABLE(503);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code invalid_request_error} for 4xx, {@code server_error} for 5xx. */
  public String type() {
    return status >= 500 ? "server_error" : "invalid_request_error";
  }
}
