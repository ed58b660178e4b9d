package dev.tau.gateway.http;

/** Who may call a route. Every route declares one; there is no default. */
public enum Access {
  /** Anyone: liveness and the static page shells, which hold no data. */
  PUBLIC,
  /** No bearer, but rate-limited: the auth bootstrap and session issuance. */
  BOOTSTRAP,
  /** A valid bearer (or localhost-dev), then the rate limit. */
  PROTECTED
}
