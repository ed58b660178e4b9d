package dev.tau.channels.access;

import java.util.Locale;

/** Whether signed envelopes are ignored, checked when present, or required. */
public enum SecureMessagingMode {
  DISABLED,
  PREFERRED,
  REQUIRED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
