package dev.tau.gateway.http;

/** Who may call a route. Every route declares one; there is no default. */
public enum Access {
  /** Anyone: liveness and the static page shells, which hold no data. */
  PUBLIC,
  /** No bearer, but rate-limited: the auth bootstrap and session issuance. */
  BOOTSTRAP,
  /** A valid bearer (or localhost-dev), then the rate limit. */
  PROTECTED,
  /**
   * A platform's webhook ({@code /webhooks/*}): the gateway bearer is neither needed nor accepted;
   * the handler verifies the platform's own credential (Telegram's secret token header, WhatsApp's
   * HMAC-SHA256 body signature or verify token) before anything is stored, and refuses with 401/403
   * otherwise. Not rate-limited: platforms retry refused deliveries.
   */
  PLATFORM_SIGNED
}
