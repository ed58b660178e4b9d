package dev.tau.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed-window request limit per principal (tau-spec §2.3): at most {@code maxRequests} accepted
 * per {@code window}; the window restarts when it has elapsed. Thread-safe.
 */
public final class RateLimiter {
  /** The outcome for one request. */
  public sealed interface Decision {
    /** Let it through. */
    record Accepted() implements Decision {}

    /** Refuse it; the caller may retry after {@code retryAfter}. */
    record Limited(Duration retryAfter) implements Decision {}
  }

  private static final Decision ACCEPTED = new Decision.Accepted();

  private final int maxRequests;
  private final Duration window;
  private final Clock clock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong limited = new AtomicLong();

  private static final class Bucket {
    long windowStartMs;
    int accepted;
  }

  public RateLimiter(int maxRequests, Duration window, Clock clock) {
    if (maxRequests < 1) {
      throw new IllegalArgumentException(
          "--gateway-openresponses-rate-limit-max-requests must be at least 1");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(
          "--gateway-openresponses-rate-limit-window-seconds must be at least 1");
    }
    this.maxRequests = maxRequests;
    this.window = window;
    this.clock = clock;
  }

  public Decision check(String principal) {
    long now = clock.millis();
    Bucket bucket = buckets.computeIfAbsent(principal, p -> new Bucket());
    synchronized (bucket) {
      if (bucket.accepted == 0 || now - bucket.windowStartMs >= window.toMillis()) {
        bucket.windowStartMs = now;
        bucket.accepted = 0;
      }
      if (bucket.accepted >= maxRequests) {
        limited.incrementAndGet();
        long waitMs = Math.max(0, bucket.windowStartMs + window.toMillis() - now);
        return new Decision.Limited(Duration.ofMillis(waitMs));
      }
      bucket.accepted++;
      return ACCEPTED;
    }
  }

  public int maxRequests() {
    return maxRequests;
  }

  public Duration window() {
    return window;
  }

  /** Requests refused so far. */
  public long limitedCount() {
    return limited.get();
  }
}
