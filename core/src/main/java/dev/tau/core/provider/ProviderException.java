package dev.tau.core.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * A model call failed. The subtype says what the caller should do: {@link #retryable()} failures
 * may be retried with backoff; the others need the operator (a key, a request fix).
 *
 * <p>Messages never contain credentials.
 */
public abstract sealed class ProviderException extends RuntimeException {
  private final String provider;
  private final int status;

  protected ProviderException(String provider, int status, String message, Throwable cause) {
    super(message, cause);
    this.provider = provider;
    this.status = status;
  }

  /** The provider id this failure came from. */
  public String provider() {
    return provider;
  }

  /** The HTTP status, or 0 when there was no HTTP answer. */
  public int status() {
    return status;
  }

  /** Whether the same call may succeed if tried again later. */
  public abstract boolean retryable();

  /** How long the vendor asked us to wait, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.empty();
  }

  /** A stable snake_case category for logs, telemetry and JSON errors. */
  public abstract String code();

  /** The credentials were missing, wrong or lack permission (401/403). */
  public static final class AuthFailed extends ProviderException {
    public AuthFailed(String provider, int status, String message) {
      super(provider, status, message, null);
    }

    @Override
    public boolean retryable() {
      return false;
    }

    @Override
    public String code() {
      return "provider_auth_failed";
    }
  }

  /** The provider is not configured (no key, unknown provider). */
  public static final class NotConfigured extends ProviderException {
    public NotConfigured(String provider, String message) {
      super(provider, 0, message, null);
    }

    @Override
    public boolean retryable() {
      return false;
    }

    @Override
    public String code() {
      return "provider_not_configured";
    }
  }

  /** Too many requests (429); honour {@link #retryAfter()}. */
  public static final class RateLimited extends ProviderException {
    private final Duration retryAfter;

    public RateLimited(String provider, int status, String message, Duration retryAfter) {
      super(provider, status, message, null);
      this.retryAfter = retryAfter;
    }

    @Override
    public boolean retryable() {
      return true;
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }

    @Override
    public String code() {
      return "provider_rate_limited";
    }
  }

  /** The request was rejected as invalid (400, 404, 422). Fix the request; do not retry. */
  public static final class BadRequest extends ProviderException {
    public BadRequest(String provider, int status, String message) {
      super(provider, status, message, null);
    }

    @Override
    public boolean retryable() {
      return false;
    }

    @Override
    public String code() {
      return "provider_bad_request";
    }
  }

  /** The conversation no longer fits the model's context window. */
  public static final class ContextOverflow extends ProviderException {
    public ContextOverflow(String provider, int status, String message) {
      super(provider, status, message, null);
    }

    @Override
    public boolean retryable() {
      return false;
    }

    @Override
    public String code() {
      return "provider_context_overflow";
    }
  }

  /** The vendor failed (5xx or overloaded). */
  public static final class ServerError extends ProviderException {
    private final Duration retryAfter;

    public ServerError(String provider, int status, String message, Duration retryAfter) {
      super(provider, status, message, null);
      this.retryAfter = retryAfter;
    }

    @Override
    public boolean retryable() {
      return true;
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }

    @Override
    public String code() {
      return "provider_server_error";
    }
  }

  /** No HTTP answer: connection refused or reset, DNS failure, or a timeout. */
  public static final class ConnectionFailed extends ProviderException {
    public ConnectionFailed(String provider, String message, Throwable cause) {
      super(provider, 0, message, cause);
    }

    @Override
    public boolean retryable() {
      return true;
    }

    @Override
    public String code() {
      return "provider_connection_failed";
    }
  }

  /**
   * The vendor answered something we cannot read: malformed JSON or SSE, or a stream cut off before
   * its end. Not retried, because part of an answer may already have been shown.
   */
  public static final class ProtocolError extends ProviderException {
    public ProtocolError(String provider, String message, Throwable cause) {
      super(provider, 0, message, cause);
    }

    @Override
    public boolean retryable() {
      return false;
    }

    @Override
    public String code() {
      return "provider_protocol_error";
    }
  }
}
