package dev.tau.deploy.runner;

import java.util.Locale;
import java.util.Optional;

/** The environments a blueprint may be rolled out to (tau-spec §4.2). */
public enum DeployEnvironment {
  STAGING,
  PRODUCTION;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The environment a fixture value names (trimmed, case-insensitive), if supported. */
  public static Optional<DeployEnvironment> parse(String raw) {
    String value = raw.strip().toLowerCase(Locale.ROOT);
    for (DeployEnvironment e : values()) {
      if (e.wire().equals(value)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
