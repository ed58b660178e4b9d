package dev.tau.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.provider.Cancellation;
import dev.tau.gateway.Drain;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Timeouts only guard against hangs; nothing asserts on speed.
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TurnWatchTest {
  @Test
  void aStreamGetsKeepAlivesWhileItRuns() throws Exception {
    CountDownLatch keepAlives = new CountDownLatch(2);
    try (TurnWatch watch =
        new TurnWatch(
            new Drain(),
            Duration.ofSeconds(5),
            new Cancellation(),
            Duration.ofMillis(10),
            keepAlives::countDown)) {
      assertThat(keepAlives.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(watch.drained()).isFalse();
    }
  }

  @Test
  void drainingCancelsTheTurnAfterTheGrace() throws Exception {
    Drain drain = new Drain();
    Cancellation cancel = new Cancellation();
    CountDownLatch cancelled = new CountDownLatch(1);
    cancel.onCancel(cancelled::countDown);
    try (TurnWatch watch = new TurnWatch(drain, Duration.ZERO, cancel, Duration.ofHours(1), null)) {
      assertThat(drain.drain(Duration.ZERO)).isTrue();

      assertThat(cancelled.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(watch.drained()).isTrue();
    }
  }

  @Test
  void aClosedWatchNeverCancels() throws Exception {
    Drain drain = new Drain();
    Cancellation cancel = new Cancellation();
    new TurnWatch(drain, Duration.ZERO, cancel, Duration.ofHours(1), null).close();
    drain.drain(Duration.ZERO);
    Thread.sleep(300);
    assertThat(cancel.isCancelled()).isFalse();
  }
}
