package dev.tau.llm.http;

import dev.tau.core.provider.ProviderErrors;
import dev.tau.core.provider.ProviderException;
import java.time.Duration;
import java.util.Optional;

/**
 * Maps a non-2xx answer to a {@link ProviderException}. Adapters whose vendor reports some errors
 * with an unusual status (Gemini's invalid key is a 400) wrap {@link #standard()}.
 */
@FunctionalInterface
public interface ErrorMapper {

  /**
   * @param provider the provider id
   * @param status the HTTP status
   * @param body the error body (at most 64 KiB of it), possibly empty
   * @param retryAfter the parsed {@code Retry-After} header, if any
   */
  ProviderException map(String provider, int status, String body, Optional<Duration> retryAfter);

  /** Extracts the vendor's message with {@link VendorErrors#message} and maps the status. */
  static ErrorMapper standard() {
    return (provider, status, body, retryAfter) ->
        ProviderErrors.fromStatus(provider, status, VendorErrors.message(body), retryAfter);
  }
}
