package dev.tau.gateway.ui;

import java.time.Duration;
import java.util.Objects;

/**
 * Decides, at each tick of a dashboard stream, what to write: the snapshot when it differs from the
 * last one sent, a keep-alive comment when nothing was written for the keep-alive interval (so
 * proxies and browsers keep the connection), or nothing. One per stream; not thread-safe.
 */
public final class SnapshotPacer {
  /** What to write now. */
  public enum Action {
    SNAPSHOT,
    KEEP_ALIVE,
    NOTHING
  }

  private final long keepAliveNanos;
  private String sent;
  private long lastWriteNanos;

  public SnapshotPacer(Duration keepAlive) {
    Objects.requireNonNull(keepAlive, "keepAlive");
    if (keepAlive.isNegative() || keepAlive.isZero()) {
      throw new IllegalArgumentException("keepAlive must be positive");
    }
    this.keepAliveNanos = keepAlive.toNanos();
  }

  /**
   * The action for the current snapshot's {@code fingerprint} at {@code nowNanos} (a monotonic time
   * such as {@link System#nanoTime()}); the first call always sends.
   */
  public Action next(String fingerprint, long nowNanos) {
    if (sent == null || !sent.equals(fingerprint)) {
      sent = fingerprint;
      lastWriteNanos = nowNanos;
      return Action.SNAPSHOT;
    }
    if (nowNanos - lastWriteNanos >= keepAliveNanos) {
      lastWriteNanos = nowNanos;
      return Action.KEEP_ALIVE;
    }
    return Action.NOTHING;
  }
}
