package dev.tau.gateway.a2a;

import java.util.Locale;

/** The A2A task states Tau reports, with their v0.3 and v1.0 wire names. */
public enum TaskState {
  SUBMITTED,
  WORKING,
  COMPLETED,
  FAILED,
  CANCELED;

  /** {@code submitted} (v0.3) or {@code TASK_STATE_SUBMITTED} (v1.0). */
  public String wire(A2aVersion version) {
    return version == A2aVersion.V1_0 ? "TASK_STATE_" + name() : name().toLowerCase(Locale.ROOT);
  }

  public boolean terminal() {
    return this == COMPLETED || this == FAILED || this == CANCELED;
  }
}
