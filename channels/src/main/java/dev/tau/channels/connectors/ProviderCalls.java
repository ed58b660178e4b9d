package dev.tau.channels.connectors;

import dev.tau.channels.Transport;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One provider GET with retries (tau-spec §5.14): transport errors, 429 and 5xx are retried up to
 * the retry attempts, waiting {@code base × attempt} or the provider's {@code retry_after},
 * whichever is longer; 401/403 are {@code auth_failed}, other statuses {@code
 * provider_unavailable}. Each re-sent request counts one {@code retry_attempts}.
 */
final class ProviderCalls {
  private final ConnectorRuntime runtime;
  private final ConnectorHttp http;
  private final Sleeper sleeper;

  ProviderCalls(ConnectorRuntime runtime, ConnectorHttp http, Sleeper sleeper) {
    this.runtime = runtime;
    this.http = http;
    this.sleeper = sleeper;
  }

  /**
   * @param what names the call in messages ({@code telegram getUpdates}); never the URL, which may
   *     hold a token
   * @return the 2xx body
   */
  String get(
      Transport transport, String what, URI uri, Map<String, String> headers, Duration timeout)
      throws ConnectorFailure, InterruptedException {
    ConnectorsConfig config = runtime.config();
    int attempts = config.retryMaxAttempts();
    for (int attempt = 1; ; attempt++) {
      ConnectorFailure failure;
      long retryAfterMs = 0;
      try {
        ConnectorHttp.Response response = http.get(uri, headers, timeout);
        int status = response.status();
        if (status >= 200 && status < 300) {
          return response.body();
        }
        if (status == 401 || status == 403) {
          throw new ConnectorFailure(
              ConnectorErrorCode.AUTH_FAILED,
              false,
              what + " was refused with HTTP " + status + ": check the bot token");
        }
        if (status == 429) {
          retryAfterMs = retryAfterMs(response);
          failure =
              new ConnectorFailure(
                  ConnectorErrorCode.RATE_LIMITED,
                  true,
                  what + " was rate limited (HTTP 429, retry_after " + retryAfterMs + " ms)");
        } else {
          failure =
              new ConnectorFailure(
                  ConnectorErrorCode.PROVIDER_UNAVAILABLE,
                  status >= 500,
                  what + " returned HTTP " + status);
        }
      } catch (HttpTimeoutException e) {
        failure =
            new ConnectorFailure(ConnectorErrorCode.TRANSPORT_ERROR, true, what + " timed out");
      } catch (IOException e) {
        failure =
            new ConnectorFailure(
                ConnectorErrorCode.TRANSPORT_ERROR,
                true,
                what + " failed: " + e.getClass().getSimpleName());
      }
      if (!failure.retryable() || attempt >= attempts) {
        throw failure;
      }
      if (retryAfterMs > config.maxRetryAfterMs()) {
        throw new ConnectorFailure(
            failure.code(),
            true,
            failure.getMessage() + "; longer than the " + config.maxRetryAfterMs() + " ms allowed");
      }
      long waitMs = Math.max(config.retryBaseDelayMs() * attempt, retryAfterMs);
      runtime.recordRetry(transport);
      sleeper.sleep(Duration.ofMillis(waitMs));
    }
  }

  /**
   * The wait a 429 asks for, in ms: the JSON body's {@code retry_after} (Discord, seconds with a
   * fraction) or {@code parameters.retry_after} (Telegram, seconds), else the {@code Retry-After}
   * header (seconds), else 0.
   */
  static long retryAfterMs(ConnectorHttp.Response response) {
    try {
      JsonNode body = Json.parse(response.body());
      if (body == null) {
        body = Json.object();
      }
      JsonNode value = body.path("retry_after");
      if (!value.isNumber()) {
        value = body.path("parameters").path("retry_after");
      }
      if (value.isNumber() && value.asDouble() >= 0) {
        return (long) Math.ceil(value.asDouble() * 1000);
      }
    } catch (IllegalArgumentException e) {
      // not JSON: fall back to the header
    }
    if (response.retryAfterHeader().isPresent()) {
      try {
        double seconds = Double.parseDouble(response.retryAfterHeader().get().strip());
        if (seconds >= 0) {
          return (long) Math.ceil(seconds * 1000);
        }
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }
}
