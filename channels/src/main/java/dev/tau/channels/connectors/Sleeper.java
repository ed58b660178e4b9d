package dev.tau.channels.connectors;

import java.time.Duration;

/** Waits between retries; injected so tests record the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  /** {@link Thread#sleep(Duration)}. */
  static Sleeper system() {
    return Thread::sleep;
  }
}
