package dev.tau.testkit.channels;

import java.util.Objects;

/**
 * A failure a test scripts on a fake platform server: the next request whose path ends with {@code
 * pathSuffix} (any request when empty) gets this answer instead of the normal one. Each platform
 * renders it in its own error envelope.
 *
 * @param pathSuffix the path end it applies to, for example {@code /sendMessage}; empty for any
 * @param status the HTTP status; 0 drops the connection without an answer
 * @param retryAfterSeconds the platform's {@code retry_after} for a 429; 0 for none
 * @param description the error text
 * @param location the {@code Location} header of a redirect; empty for none
 */
public record ScriptedFailure(
    String pathSuffix, int status, int retryAfterSeconds, String description, String location) {
  public ScriptedFailure {
    Objects.requireNonNull(pathSuffix, "pathSuffix");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(location, "location");
    if (status != 0 && (status < 300 || status > 599)) {
      throw new IllegalArgumentException("status must be 0 or 300..599, got " + status);
    }
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException("retryAfterSeconds must be >= 0");
    }
  }

  /** 429 with the platform's {@code retry_after}. */
  public static ScriptedFailure rateLimited(int retryAfterSeconds) {
    return new ScriptedFailure("", 429, retryAfterSeconds, "Too Many Requests", "");
  }

  /** Any error status with a description. */
  public static ScriptedFailure status(int status, String description) {
    return new ScriptedFailure("", status, 0, description, "");
  }

  /** A redirect to {@code location} (301, 302, 303, 307 or 308). */
  public static ScriptedFailure redirect(int status, String location) {
    return new ScriptedFailure("", status, 0, "Moved", location);
  }

  /** A redirect without a {@code Location} header. */
  public static ScriptedFailure redirectWithoutLocation(int status) {
    return new ScriptedFailure("", status, 0, "Moved", "");
  }

  /** The connection closes without an answer (a transport error for the client). */
  public static ScriptedFailure disconnect() {
    return new ScriptedFailure("", 0, 0, "", "");
  }

  /** The same failure, only for requests whose path ends with {@code suffix}. */
  public ScriptedFailure on(String suffix) {
    return new ScriptedFailure(suffix, status, retryAfterSeconds, description, location);
  }

  boolean applies(String path) {
    return pathSuffix.isEmpty() || path.endsWith(pathSuffix);
  }

  boolean isRedirect() {
    return status >= 300 && status < 400;
  }
}
