package dev.tau.llm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));

  @Test
  void ceilingDoublesFromBaseUpToTheCap() {
    assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(1000));
    assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofMillis(4000));
    assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void fullJitterStaysBetweenZeroAndTheCeiling() {
    RandomGenerator random = new SplittableRandom(7);
    for (int retry = 0; retry < 8; retry++) {
      long max = 0;
      for (int draw = 0; draw < 2000; draw++) {
        Duration wait = backoff.delay(retry, Optional.empty(), random).orElseThrow();
        assertThat(wait).isBetween(Duration.ZERO, backoff.ceiling(retry));
        max = Math.max(max, wait.toMillis());
      }
      // full jitter really spreads: the largest of 2000 draws is near the ceiling
      assertThat(max).isGreaterThan(backoff.ceiling(retry).toMillis() * 9 / 10);
    }
  }

  @Test
  void extremeRandomDrawsHitTheBounds() {
    RandomGenerator lowest = fixed(0);
    RandomGenerator highest = fixed(Long.MAX_VALUE);

    assertThat(backoff.delay(2, Optional.empty(), lowest)).contains(Duration.ZERO);
    assertThat(backoff.delay(2, Optional.empty(), highest)).contains(Duration.ofMillis(2000));
  }

  @Test
  void retryAfterIsAFloor() {
    RandomGenerator lowest = fixed(0);

    assertThat(backoff.delay(0, Optional.of(Duration.ofSeconds(5)), lowest))
        .contains(Duration.ofSeconds(5));
    assertThat(backoff.delay(4, Optional.of(Duration.ofMillis(10)), fixed(Long.MAX_VALUE)))
        .contains(Duration.ofSeconds(8));
  }

  @Test
  void retryAfterBeyondTheLimitIsNotWaitedFor() {
    assertThat(backoff.delay(0, Optional.of(Duration.ofMinutes(5)), fixed(0))).isEmpty();
  }

  @Test
  void rejectsNonsenseSettings() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO))
        .hasMessageContaining("base");
    assertThatThrownBy(
            () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
        .hasMessageContaining("cap");
  }

  /** A generator whose bounded draws are always {@code value} clamped into the bound. */
  private static RandomGenerator fixed(long value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return value;
      }

      @Override
      public long nextLong(long bound) {
        return Math.min(value, bound - 1);
      }
    };
  }
}
