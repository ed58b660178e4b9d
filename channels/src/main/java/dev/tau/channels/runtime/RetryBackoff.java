package dev.tau.channels.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The delay before a retry (tau-spec §5.5): {@code base * 2^(attempt-1)} (exponent capped at 10; a
 * base of 0 disables waiting) plus a deterministic jitter: the first 8 bytes (little endian) of
 * SHA-256(event key ‖ attempt as 8-byte little endian) modulo {@code jitter + 1}.
 */
final class RetryBackoff {
  private RetryBackoff() {}

  static long delayMs(long baseMs, long jitterMs, String eventKey, int attempt) {
    long delay = 0;
    if (baseMs > 0) {
      int exponent = Math.min(10, Math.max(0, attempt - 1));
      delay = saturatingMultiply(baseMs, 1L << exponent);
    }
    if (jitterMs > 0) {
      delay = saturatingAdd(delay, jitter(eventKey, attempt, jitterMs));
    }
    return delay;
  }

  static long jitter(String eventKey, int attempt, long jitterMs) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(eventKey.getBytes(StandardCharsets.UTF_8));
      sha.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(attempt).array());
      long value = ByteBuffer.wrap(sha.digest(), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      return Long.remainderUnsigned(value, jitterMs + 1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static long saturatingMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
  }

  private static long saturatingAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
