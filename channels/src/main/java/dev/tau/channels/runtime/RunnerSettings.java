package dev.tau.channels.runtime;

import java.util.Objects;

/**
 * The runner's limits (tau-spec §5.1): events taken per cycle, processed keys remembered, retry
 * attempts and backoff, and the telemetry and media policies. Every limit must be positive.
 */
public record RunnerSettings(
    int queueLimit,
    int processedEventCap,
    int retryMaxAttempts,
    long retryBaseDelayMs,
    long retryJitterMs,
    TelemetryPolicy telemetry,
    MediaPolicy media) {

  public static final RunnerSettings DEFAULTS =
      new RunnerSettings(64, 10_000, 4, 0, 0, TelemetryPolicy.DEFAULTS, MediaPolicy.DEFAULTS);

  public RunnerSettings {
    positive(queueLimit, "multi-channel-queue-limit");
    positive(processedEventCap, "multi-channel-processed-event-cap");
    positive(retryMaxAttempts, "multi-channel-retry-max-attempts");
    if (retryBaseDelayMs < 0) {
      throw new IllegalArgumentException("multi-channel-retry-base-delay-ms must be >= 0");
    }
    if (retryJitterMs < 0) {
      throw new IllegalArgumentException("multi-channel-retry-jitter-ms must be >= 0");
    }
    Objects.requireNonNull(telemetry, "telemetry");
    Objects.requireNonNull(media, "media");
  }

  private static void positive(long value, String flag) {
    if (value <= 0) {
      throw new IllegalArgumentException(flag + " must be > 0 (got " + value + ")");
    }
  }
}
