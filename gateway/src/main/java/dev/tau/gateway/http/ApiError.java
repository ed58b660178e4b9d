package dev.tau.gateway.http;

import dev.tau.core.json.Json;
import java.time.Duration;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request failed in a way the caller should hear about as a JSON error. Thrown by handlers and
 * turned into the response by the route chain. Messages never contain secrets.
 */
public final class ApiError extends RuntimeException {
  private final ErrorCode code;
  private final String param;
  private final Duration retryAfter;

  public ApiError(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public ApiError(ErrorCode code, String message, String param, Duration retryAfter) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.code = Objects.requireNonNull(code, "code");
    this.param = param;
    this.retryAfter = retryAfter;
  }

  public ErrorCode code() {
    return code;
  }

  /** The request field at fault, or null. */
  public String param() {
    return param;
  }

  /** For 429: how long to wait, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** {@code {"error":{"message","type","param","code"}}}. */
  public ObjectNode body() {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("message", getMessage());
    error.put("type", code.type());
    if (param == null) {
      error.putNull("param");
    } else {
      error.put("param", param);
    }
    error.put("code", code.wire());
    return root;
  }
}
