package dev.tau.channels.access;

import java.util.Locale;

/** {@code dmPolicy} and {@code groupPolicy} values. */
public enum PolicyAction {
  ALLOW,
  DENY;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
