package dev.tau.channels.runtime;

/**
 * Simulates the process dying mid-cycle: an {@link Error}, so the runner's per-event handling of
 * runtime exceptions does not catch it.
 */
final class ProcessKilled extends Error {
  ProcessKilled() {
    super("process killed", null, false, false);
  }
}
