package dev.tau.channels.commands;

import java.util.Locale;

/** The reason codes of a {@code /tau} command outcome (tau-spec §5.10), serialised snake_case. */
public enum CommandReason {
  COMMAND_HELP_REPORTED,
  COMMAND_STATUS_REPORTED,
  COMMAND_AUTH_STATUS_REPORTED,
  COMMAND_AUTH_STATUS_FAILED,
  COMMAND_DOCTOR_REPORTED,
  COMMAND_RBAC_DENIED,
  COMMAND_INVALID_ARGS,
  COMMAND_UNKNOWN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
