package dev.tau.gateway;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts in-flight requests and streams so shutdown can wait for them (bounded), and refuses new
 * work once draining has begun.
 */
public final class Drain {
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final Object lock = new Object();

  /** Whether shutdown has begun. */
  public boolean draining() {
    return draining.get();
  }

  public void enter() {
    inFlight.incrementAndGet();
  }

  public void exit() {
    if (inFlight.decrementAndGet() == 0) {
      synchronized (lock) {
        lock.notifyAll();
      }
    }
  }

  public int inFlight() {
    return inFlight.get();
  }

  /** Begins draining and waits up to {@code timeout} for in-flight work; true when all ended. */
  public boolean drain(Duration timeout) throws InterruptedException {
    draining.set(true);
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (inFlight.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }
}
