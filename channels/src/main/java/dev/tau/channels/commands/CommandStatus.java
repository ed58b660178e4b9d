package dev.tau.channels.commands;

import java.util.Locale;

/** The status of a {@code /tau} command outcome (tau-spec §5.10), serialised lower-case. */
public enum CommandStatus {
  REPORTED,
  FAILED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
