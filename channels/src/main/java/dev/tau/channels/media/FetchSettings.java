package dev.tau.channels.media;

import java.time.Duration;
import java.util.Objects;

/**
 * How attachments are downloaded.
 *
 * @param maxBytes the largest attachment read; a download stops as soon as it passes this (flag
 *     {@code --multi-channel-media-max-attachment-bytes}, default 20 MiB)
 * @param timeout the budget for one download, connect to last byte (default 30 s)
 * @param allowLoopback whether {@code http://localhost} and loopback addresses may be fetched
 *     (tests and local bridges; default false). Private networks and metadata endpoints stay
 *     blocked either way
 */
public record FetchSettings(long maxBytes, Duration timeout, boolean allowLoopback) {
  public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public FetchSettings {
    Objects.requireNonNull(timeout, "timeout");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException(
          "multi-channel-media-max-attachment-bytes must be > 0, got " + maxBytes);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("multi-channel-media-timeout-ms must be > 0");
    }
  }

  public static FetchSettings defaults() {
    return new FetchSettings(DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, false);
  }
}
