package dev.tau.gateway.service;

import java.util.Locale;

/** The persisted service posture. Anything other than {@code stopped} reads as running. */
public enum ServiceStatus {
  RUNNING,
  STOPPED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ServiceStatus fromWire(String value) {
    return value != null && value.strip().equalsIgnoreCase("stopped") ? STOPPED : RUNNING;
  }
}
