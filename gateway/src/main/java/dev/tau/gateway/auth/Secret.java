package dev.tau.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A token or password. Compared in constant time; {@link #toString()} never shows it, so it cannot
 * leak through a log line or an error message by accident.
 */
public final class Secret {
  private final byte[] value;

  private Secret(String value) {
    this.value = value.getBytes(StandardCharsets.UTF_8);
  }

  /** A secret from a (trimmed) string; blank means "not configured". */
  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "value").strip());
  }

  public boolean isBlank() {
    return value.length == 0;
  }

  /** Constant-time comparison with a presented value (trimmed). */
  public boolean matches(String presented) {
    if (presented == null || value.length == 0) {
      return false;
    }
    byte[] other = presented.strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(value, other);
  }

  /** The raw value, for the one place that must send it (for example a test client). */
  public String reveal() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return value.length == 0 ? "<unset>" : "<redacted>";
  }
}
