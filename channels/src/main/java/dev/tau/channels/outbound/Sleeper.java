package dev.tau.channels.outbound;

import java.time.Duration;

/** Waits before a retry; injected so tests of rate limiting do not sleep. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  /** {@link Thread#sleep(Duration)}. */
  static Sleeper system() {
    return Thread::sleep;
  }
}
