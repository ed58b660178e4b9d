package dev.tau.channels.access;

import java.util.Locale;

/** {@code allow} or {@code deny}. */
public enum Decision {
  ALLOW,
  DENY;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
