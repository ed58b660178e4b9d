package dev.tau.core.health;

import java.util.Locale;

/** A component's health, ordered from best to worst. */
public enum HealthState {
  HEALTHY,
  DEGRADED,
  FAILING,
  /** No state to judge (for example a state file that was never written). */
  UNKNOWN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The gate that follows: {@code pass} only when healthy. */
  public RolloutGate gate() {
    return this == HEALTHY ? RolloutGate.PASS : RolloutGate.HOLD;
  }

  /** The worse of two states ({@code unknown} counts as failing). */
  public HealthState worst(HealthState other) {
    return severity(this) >= severity(other) ? this : other;
  }

  private static int severity(HealthState s) {
    return switch (s) {
      case HEALTHY -> 0;
      case DEGRADED -> 1;
      case FAILING, UNKNOWN -> 2;
    };
  }
}
