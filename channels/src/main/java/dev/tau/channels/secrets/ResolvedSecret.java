package dev.tau.channels.secrets;

import java.util.Objects;
import java.util.Optional;

/** A secret and where it came from; {@link #toString} never shows the value. */
public final class ResolvedSecret {
  private final String value;
  private final SecretSource source;

  private ResolvedSecret(String value, SecretSource source) {
    this.value = value;
    this.source = Objects.requireNonNull(source, "source");
  }

  static ResolvedSecret of(String value, SecretSource source) {
    return new ResolvedSecret(value, source);
  }

  static ResolvedSecret none(SecretSource source) {
    return new ResolvedSecret(null, source);
  }

  public Optional<String> value() {
    return Optional.ofNullable(value);
  }

  public boolean present() {
    return value != null;
  }

  public SecretSource source() {
    return source;
  }

  @Override
  public String toString() {
    return "ResolvedSecret[" + (value == null ? "absent" : "present") + ", " + source.wire() + "]";
  }
}
