package dev.tau.channels.secrets;

import java.util.Locale;
import java.util.Optional;

/** {@code --credential-store-encryption auto|none|keyed} (tau-spec §1.4). */
public enum StoreEncryption {
  /** Behaves as {@link #KEYED}. */
  AUTO,
  /** Secrets stored as plain strings (the file is still written with owner-only permissions). */
  NONE,
  /** AES-256-GCM with a key from the configured key or, without one, from a machine seed. */
  KEYED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<StoreEncryption> parse(String text) {
    for (StoreEncryption e : values()) {
      if (e.wire().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
