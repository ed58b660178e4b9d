package dev.tau.core.health;

import java.util.Locale;

/** Whether traffic or a rollout may proceed. */
public enum RolloutGate {
  PASS,
  HOLD;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
