package dev.tau.gateway.responses;

import dev.tau.core.provider.Cancellation;
import dev.tau.gateway.Drain;
import java.time.Duration;
import java.util.Objects;

/**
 * Watches one running turn from a virtual thread: when the gateway starts draining, the turn gets
 * {@code grace} to finish and is then cancelled; for streams it also sends a keep-alive every
 * {@code keepAliveEvery}, which is how a client that went away while the model was quiet is noticed
 * (the write fails and cancels the run).
 */
final class TurnWatch implements AutoCloseable {
  private static final Duration TICK = Duration.ofMillis(100);

  private final Drain drain;
  private final Duration grace;
  private final Cancellation cancel;
  private final Duration keepAliveEvery;
  private final Runnable keepAlive;
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean drained;

  /**
   * @param keepAlive run every {@code keepAliveEvery}; {@code null} for plain (non-stream) requests
   */
  TurnWatch(
      Drain drain,
      Duration grace,
      Cancellation cancel,
      Duration keepAliveEvery,
      Runnable keepAlive) {
    this.drain = Objects.requireNonNull(drain, "drain");
    this.grace = Objects.requireNonNull(grace, "grace");
    this.cancel = Objects.requireNonNull(cancel, "cancel");
    this.keepAliveEvery = Objects.requireNonNull(keepAliveEvery, "keepAliveEvery");
    this.keepAlive = keepAlive;
    this.thread = Thread.ofVirtual().name("tau-turn-watch").start(this::watch);
  }

  /** Whether the turn was cancelled because the gateway is shutting down. */
  boolean drained() {
    return drained;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }

  private void watch() {
    long lastKeepAlive = System.nanoTime();
    long drainSeen = 0;
    while (!closed) {
      try {
        Thread.sleep(TICK);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      if (drain.draining() && !drained) {
        if (drainSeen == 0) {
          drainSeen = now;
        } else if (now - drainSeen >= grace.toNanos()) {
          drained = true;
          cancel.cancel();
        }
      }
      if (keepAlive != null && now - lastKeepAlive >= keepAliveEvery.toNanos()) {
        lastKeepAlive = now;
        keepAlive.run();
      }
    }
  }
}
