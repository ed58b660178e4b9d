package dev.tau.llm.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a response body that has been silent for longer than the limit, so a stalled stream ends
 * with an error instead of blocking forever. Every read that returns data counts as progress
 * (keep-alive comments too: they show the server is alive).
 */
final class IdleWatch extends FilterInputStream implements AutoCloseable {
  private static final ScheduledExecutorService TIMER = timer();

  /**
   * One daemon timer thread. Cancelled checks leave the queue at once: without that, every finished
   * call stayed queued until its next tick, which under load held tens of thousands of dead tasks.
   */
  private static ScheduledExecutorService timer() {
    java.util.concurrent.ScheduledThreadPoolExecutor executor =
        new java.util.concurrent.ScheduledThreadPoolExecutor(
            1,
            runnable ->
                Thread.ofPlatform().daemon().name("tau-provider-idle-watch").unstarted(runnable));
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  private final long limitNanos;
  private final ScheduledFuture<?> check;
  private volatile long lastProgress = System.nanoTime();
  private volatile boolean stalled;

  IdleWatch(InputStream in, Duration limit) {
    super(in);
    this.limitNanos = limit.toNanos();
    long period = Math.max(20, limit.toMillis() / 4);
    this.check = TIMER.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  /** Whether the body was closed because it went silent. */
  boolean stalled() {
    return stalled;
  }

  private void check() {
    if (System.nanoTime() - lastProgress > limitNanos) {
      stalled = true;
      check.cancel(false);
      try {
        in.close();
      } catch (IOException ignored) {
        // the reader sees the closed stream either way
      }
    }
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      lastProgress = System.nanoTime();
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      lastProgress = System.nanoTime();
    }
    return n;
  }

  /** Stops watching; the underlying body is closed by its owner. */
  @Override
  public void close() {
    check.cancel(false);
  }
}
