package dev.tau.llm.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry {@code n} (0-based) wait a uniformly random
 * time between zero and {@code min(cap, base * 2^n)}. A vendor's {@code Retry-After} is a floor:
 * the wait is never shorter than what it asked for. A {@code Retry-After} longer than {@code
 * maxRetryAfter} is not waited for at all; the caller gives up and reports it instead.
 *
 * @param base the ceiling of the first wait
 * @param cap the largest ceiling
 * @param maxRetryAfter the longest vendor-requested wait that is honoured by waiting
 */
public record Backoff(Duration base, Duration cap, Duration maxRetryAfter) {
  public static final Backoff DEFAULT =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60));

  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("base must be positive");
    }
    if (cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("cap must not be below base");
    }
    if (maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("maxRetryAfter must not be negative");
    }
  }

  /** The largest jittered wait before retry {@code retry} (0-based). */
  public Duration ceiling(int retry) {
    if (retry < 0) {
      throw new IllegalArgumentException("retry must not be negative");
    }
    long baseMillis = base.toMillis();
    long capMillis = cap.toMillis();
    int shift = Math.min(retry, 62);
    long ceiling =
        baseMillis > (capMillis >> shift) ? capMillis : Math.min(capMillis, baseMillis << shift);
    return Duration.ofMillis(ceiling);
  }

  /**
   * The wait before retry {@code retry}.
   *
   * @param retryAfter what the vendor asked for, if anything
   * @return the wait, or empty when the vendor asked for longer than {@link #maxRetryAfter()}
   */
  public Optional<Duration> delay(
      int retry, Optional<Duration> retryAfter, RandomGenerator random) {
    if (retryAfter.isPresent() && retryAfter.get().compareTo(maxRetryAfter) > 0) {
      return Optional.empty();
    }
    Duration jitter = Duration.ofMillis(random.nextLong(ceiling(retry).toMillis() + 1));
    if (retryAfter.isPresent() && retryAfter.get().compareTo(jitter) > 0) {
      return retryAfter;
    }
    return Optional.of(jitter);
  }
}
