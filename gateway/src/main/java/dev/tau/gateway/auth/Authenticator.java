package dev.tau.gateway.auth;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks the {@code Authorization: Bearer} header of a protected request (tau-spec §2.3). The
 * outcome is a value: the principal to rate-limit, or a denial.
 */
public final class Authenticator {
  /** The outcome of one check. */
  public sealed interface Result {
    /** The caller is {@code principal}. */
    record Allowed(String principal) implements Result {}

    /** No valid bearer. */
    record Denied() implements Result {}
  }

  private final AuthMode mode;
  private final Secret token;
  private final SessionTokens sessions;
  private final AtomicLong failures = new AtomicLong();

  public Authenticator(AuthMode mode, Secret token, SessionTokens sessions) {
    this.mode = mode;
    this.token = token;
    this.sessions = sessions;
  }

  public AuthMode mode() {
    return mode;
  }

  public SessionTokens sessions() {
    return sessions;
  }

  /** Checks a raw {@code Authorization} header value (null when absent). */
  public Result check(String authorization) {
    String bearer = bearer(authorization);
    Result result =
        switch (mode) {
          case LOCALHOST_DEV -> new Result.Allowed("localhost-dev");
          case TOKEN -> token.matches(bearer) ? new Result.Allowed("token") : new Result.Denied();
          case PASSWORD_SESSION ->
              bearer != null && sessions.isLive(bearer)
                  ? new Result.Allowed("session:" + Integer.toHexString(bearer.hashCode()))
                  : new Result.Denied();
        };
    if (result instanceof Result.Denied) {
      failures.incrementAndGet();
    }
    return result;
  }

  /** Failed checks so far. */
  public long failureCount() {
    return failures.get();
  }

  /** The token after {@code Bearer } (case-sensitive prefix), trimmed; null when none. */
  static String bearer(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return null;
    }
    String value = authorization.substring("Bearer ".length()).strip();
    return value.isEmpty() ? null : value;
  }
}
