package dev.tau.gateway.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How callers prove who they are (flag {@code --gateway-openresponses-auth-mode}). */
public enum AuthMode {
  /** No bearer; only allowed on a loopback bind. */
  LOCALHOST_DEV("localhost-dev", "none"),
  /** A static bearer token on every protected route. */
  TOKEN("token", "token"),
  /** A bearer issued by {@code POST /gateway/auth/session} in exchange for the password. */
  PASSWORD_SESSION("password-session", "password-session");

  private final String wire;
  private final String uiMode;

  AuthMode(String wire, String uiMode) {
    this.wire = wire;
    this.uiMode = uiMode;
  }

  public String wire() {
    return wire;
  }

  /** What the web UI must ask for: {@code none}, {@code token} or {@code password-session}. */
  public String uiMode() {
    return uiMode;
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException listing the accepted names
   */
  public static AuthMode parse(String value) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    for (AuthMode mode : values()) {
      if (mode.wire.equals(v)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "invalid value '"
            + value
            + "' for --gateway-openresponses-auth-mode: expected one of "
            + Arrays.stream(values()).map(AuthMode::wire).collect(Collectors.joining("|")));
  }
}
