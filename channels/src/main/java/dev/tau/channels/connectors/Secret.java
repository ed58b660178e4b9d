package dev.tau.channels.connectors;

import java.util.Objects;

/**
 * A token or shared secret. {@link #toString()} never shows the value, so a secret cannot leak
 * through a log line, an exception message or a record's generated {@code toString}.
 */
public final class Secret {
  private static final Secret NONE = new Secret("");

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** A secret from a flag or env value; null or blank means none. */
  public static Secret of(String value) {
    return value == null || value.isBlank() ? NONE : new Secret(value.strip());
  }

  public static Secret none() {
    return NONE;
  }

  public boolean present() {
    return !value.isEmpty();
  }

  /** The value, for the one place that sends or compares it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  @Override
  public String toString() {
    return present() ? "<redacted>" : "<none>";
  }
}
