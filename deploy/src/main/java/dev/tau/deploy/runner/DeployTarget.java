package dev.tau.deploy.runner;

import java.util.Locale;
import java.util.Optional;

/** Where a blueprint is deployed (tau-spec §4.2), with the rollout strategy each target uses. */
public enum DeployTarget {
  CONTAINER("recreate"),
  KUBERNETES("rolling"),
  WASM("canary");

  private final String rolloutStrategy;

  DeployTarget(String rolloutStrategy) {
    this.rolloutStrategy = rolloutStrategy;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String rolloutStrategy() {
    return rolloutStrategy;
  }

  /** The target a fixture value names (trimmed, case-insensitive), if supported. */
  public static Optional<DeployTarget> parse(String raw) {
    String value = raw.strip().toLowerCase(Locale.ROOT);
    for (DeployTarget t : values()) {
      if (t.wire().equals(value)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
