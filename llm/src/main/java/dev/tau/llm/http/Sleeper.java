package dev.tau.llm.http;

import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.CancelledException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits between retries. Injected so tests never sleep; a cancel ends the wait at once. */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits for {@code duration} unless cancelled first.
   *
   * @throws CancelledException when {@code cancellation} fires before or during the wait
   */
  void sleep(Duration duration, Cancellation cancellation);

  /** Really waits, waking early when cancelled or interrupted. */
  static Sleeper system() {
    return (duration, cancellation) -> {
      cancellation.throwIfCancelled();
      CountDownLatch woken = new CountDownLatch(1);
      AutoCloseable registration = cancellation.onCancel(woken::countDown);
      try {
        woken.await(Math.max(0, duration.toMillis()), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancelledException();
      } finally {
        ProviderHttp.closeQuietly(registration);
      }
      cancellation.throwIfCancelled();
    };
  }
}
