package dev.tau.channels.lifecycle;

import java.util.Locale;

/** {@code --multi-channel-channel-status|login|logout|probe <transport>} (tau-spec §5.15). */
public enum LifecycleAction {
  STATUS,
  LOGIN,
  LOGOUT,
  PROBE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
