package dev.tau.channels.outbound;

import java.util.Locale;

/**
 * Why a chunk was not delivered (tau-spec §5.13); serialised as {@code delivery_<name>}, for
 * example {@code delivery_rate_limited}. {@link #retryable()} says whether the same request may
 * succeed later.
 */
public enum DeliveryReason {
  MISSING_TELEGRAM_BOT_TOKEN(false),
  MISSING_DISCORD_BOT_TOKEN(false),
  MISSING_WHATSAPP_ACCESS_TOKEN(false),
  MISSING_WHATSAPP_PHONE_NUMBER_ID(false),
  MISSING_WHATSAPP_RECIPIENT(false),
  /** Discord answered the progressive-edit placeholder without a message id. */
  MISSING_PROVIDER_MESSAGE_ID(false),
  /** No answer: connection refused or reset, timeout. */
  TRANSPORT_ERROR(true),
  /** 429 after the bounded retries, or with a {@code retry_after} too long to wait for. */
  RATE_LIMITED(true),
  /** 5xx. */
  PROVIDER_UNAVAILABLE(true),
  /** Another 4xx (bad credentials, unknown chat, invalid body). */
  REQUEST_REJECTED(false),
  /** A status that is neither success, redirect, 4xx nor 5xx. */
  UNKNOWN_HTTP_FAILURE(true),
  REDIRECT_LIMIT_EXCEEDED(false),
  REDIRECT_MISSING_LOCATION(false),
  REDIRECT_INVALID_LOCATION(false),
  /**
   * The platform redirected to another scheme, host or port: the request (its body, and for
   * Telegram the token in the URL path) is never sent there.
   */
  REDIRECT_CROSS_ORIGIN_REFUSED(false),
  SSRF_BLOCKED_SCHEME(false),
  SSRF_INVALID_URL(false),
  SSRF_BLOCKED_METADATA_ENDPOINT(false),
  SSRF_BLOCKED_PRIVATE_NETWORK(false),
  SSRF_BLOCKED_UNSPECIFIED_IP(false),
  SSRF_BLOCKED_MULTICAST(false),
  SSRF_DNS_RESOLUTION_FAILED(true);

  private final boolean retryable;

  DeliveryReason(boolean retryable) {
    this.retryable = retryable;
  }

  /** {@code delivery_<snake_case name>}. */
  public String wire() {
    return "delivery_" + name().toLowerCase(Locale.ROOT);
  }

  public boolean retryable() {
    return retryable;
  }

  /** The reason for a missing credential of a transport. */
  static DeliveryReason missingToken(dev.tau.channels.Transport transport) {
    return switch (transport) {
      case TELEGRAM -> MISSING_TELEGRAM_BOT_TOKEN;
      case DISCORD -> MISSING_DISCORD_BOT_TOKEN;
      case WHATSAPP -> MISSING_WHATSAPP_ACCESS_TOKEN;
    };
  }
}
