package dev.tau.telemetry;

import java.time.Clock;

/** The per-process run id {@code run-<unix_ms>-<pid>}. */
public final class RunId {
  private RunId() {}

  /** A run id for this process, with the start time from {@code clock}. */
  public static String forThisProcess(Clock clock) {
    return of(clock.millis(), ProcessHandle.current().pid());
  }

  /** {@code run-<unixMs>-<pid>}. */
  public static String of(long unixMs, long pid) {
    return "run-" + unixMs + "-" + pid;
  }
}
