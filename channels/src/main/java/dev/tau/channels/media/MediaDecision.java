package dev.tau.channels.media;

import java.util.Locale;

/** What happened to one attachment. */
public enum MediaDecision {
  PROCESSED,
  SKIPPED,
  FAILED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
