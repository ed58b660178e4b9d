package dev.tau.core.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** The one mapping from an HTTP error answer to a {@link ProviderException}. */
public final class ProviderErrors {
  private static final int MAX_MESSAGE = 500;

  private ProviderErrors() {}

  /**
   * Maps a non-2xx answer.
   *
   * @param provider provider id
   * @param status HTTP status
   * @param vendorMessage the vendor's error message (already extracted from its error JSON), or the
   *     raw body
   * @param retryAfter the parsed {@code Retry-After}, if any
   */
  public static ProviderException fromStatus(
      String provider, int status, String vendorMessage, Optional<Duration> retryAfter) {
    String detail = truncate(vendorMessage == null ? "" : vendorMessage.strip());
    String message =
        provider + " returned HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
    return switch (status) {
      case 401, 403 -> new ProviderException.AuthFailed(provider, status, message);
      case 429 ->
          new ProviderException.RateLimited(provider, status, message, retryAfter.orElse(null));
      case 400, 404, 409, 413, 422 ->
          looksLikeContextOverflow(detail) || status == 413
              ? new ProviderException.ContextOverflow(provider, status, message)
              : new ProviderException.BadRequest(provider, status, message);
      default ->
          status >= 500 || status == 408
              ? new ProviderException.ServerError(
                  provider, status, message, retryAfter.orElse(null))
              : new ProviderException.BadRequest(provider, status, message);
    };
  }

  static boolean looksLikeContextOverflow(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("context_length_exceeded")
        || m.contains("context length")
        || m.contains("context window")
        || m.contains("maximum context")
        || m.contains("prompt is too long")
        || m.contains("too many tokens")
        || m.contains("exceeds the maximum number of tokens");
  }

  /**
   * Parses a {@code Retry-After} header: delta-seconds or an HTTP date. Also accepts the {@code
   * retry-after-ms} style of some vendors when given milliseconds explicitly.
   */
  public static Optional<Duration> parseRetryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.strip();
    try {
      double seconds = Double.parseDouble(value);
      if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofMillis((long) (seconds * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static String truncate(String s) {
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "…";
  }
}
