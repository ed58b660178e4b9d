package dev.tau.channels.outbound;

import dev.tau.channels.http.CappedBody;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Sends one {@link ShapedRequest}: every URL through the {@link SsrfGuard}, redirects followed by
 * hand within the request's origin only (a redirect to another scheme, host or port is refused: the
 * body, the credential header and for Telegram the token in the URL path stay with the platform),
 * response bodies read up to {@link #MAX_RESPONSE_BYTES} (a longer one is a {@code
 * transport_error}), and a 429 retried after the platform's {@code retry_after} a bounded number of
 * times.
 */
final class ProviderHttp {
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  /** The longest response body read from a platform (its answers are a few hundred bytes). */
  static final long MAX_RESPONSE_BYTES = 1024 * 1024;

  /** What a request gave: an answer (any status but a redirect) or a failure without one. */
  sealed interface Attempt {}

  record Answered(int status, String body, JsonNode json, HttpHeaders headers) implements Attempt {}

  record Failed(DeliveryReason reason, String detail, int httpStatus) implements Attempt {}

  private final HttpClient client;
  private final SsrfGuard guard;
  private final OutboundSettings settings;
  private final Sleeper sleeper;

  ProviderHttp(HttpClient client, SsrfGuard guard, OutboundSettings settings, Sleeper sleeper) {
    this.client = Objects.requireNonNull(client, "client");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Sends {@code request}; a 429 after the retries is a {@link Failed} rate limit. */
  Attempt execute(ShapedRequest request, OutboundPlatform platform) {
    for (int retry = 0; ; retry++) {
      Attempt attempt = exchange(request);
      if (!(attempt instanceof Answered answered) || answered.status() != 429) {
        return attempt;
      }
      Duration wait =
          platform.retryAfter(answered.json(), answered.headers()).orElse(DEFAULT_RETRY_AFTER);
      if (retry >= settings.rateLimitMaxRetries() || wait.compareTo(settings.maxRetryAfter()) > 0) {
        return new Failed(DeliveryReason.RATE_LIMITED, answered.body(), 429);
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Failed(DeliveryReason.RATE_LIMITED, answered.body(), 429);
      }
    }
  }

  private Attempt exchange(ShapedRequest request) {
    URI uri = request.uri();
    String method = request.method();
    String body = request.body();
    Map<String, String> headers = new HashMap<>(request.headers());
    for (int hop = 0; ; hop++) {
      Optional<SsrfGuard.Blocked> blocked = guard.check(uri);
      if (blocked.isPresent()) {
        return new Failed(blocked.get().reason(), blocked.get().detail(), 0);
      }
      HttpResponse<String> response;
      try {
        response =
            client.send(build(uri, method, body, headers), CappedBody.utf8(MAX_RESPONSE_BYTES));
      } catch (HttpTimeoutException e) {
        return new Failed(
            DeliveryReason.TRANSPORT_ERROR,
            "no answer within " + settings.httpTimeout().toMillis() + " ms",
            0);
      } catch (IOException e) {
        if (CappedBody.isTooLarge(e)) {
          return new Failed(
              DeliveryReason.TRANSPORT_ERROR,
              "response body larger than " + MAX_RESPONSE_BYTES + " bytes",
              0);
        }
        return new Failed(
            DeliveryReason.TRANSPORT_ERROR,
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
            0);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Failed(DeliveryReason.TRANSPORT_ERROR, "interrupted", 0);
      }
      int status = response.statusCode();
      if (!REDIRECTS.contains(status)) {
        return new Answered(status, response.body(), json(response.body()), response.headers());
      }
      if (hop >= settings.ssrf().maxRedirects()) {
        return new Failed(
            DeliveryReason.REDIRECT_LIMIT_EXCEEDED,
            "more than " + settings.ssrf().maxRedirects() + " redirects",
            status);
      }
      Optional<String> location = response.headers().firstValue("Location");
      if (location.isEmpty() || location.get().isBlank()) {
        return new Failed(
            DeliveryReason.REDIRECT_MISSING_LOCATION, "redirect without a Location header", status);
      }
      URI next;
      try {
        next = uri.resolve(new URI(location.get().strip()));
      } catch (URISyntaxException | IllegalArgumentException e) {
        return new Failed(
            DeliveryReason.REDIRECT_INVALID_LOCATION,
            "redirect Location is not a valid URL",
            status);
      }
      if (!next.isAbsolute() || next.getHost() == null) {
        return new Failed(
            DeliveryReason.REDIRECT_INVALID_LOCATION, "redirect Location has no host", status);
      }
      if (!sameOrigin(uri, next)) {
        // a target the guard refuses keeps its more specific ssrf_* reason
        Optional<SsrfGuard.Blocked> target = guard.check(next);
        if (target.isPresent()) {
          return new Failed(target.get().reason(), target.get().detail(), 0);
        }
        // the request carries credentials (a header, or Telegram's token in the path) and the
        // message: both are for the platform's API, never for wherever it redirects to
        return new Failed(
            DeliveryReason.REDIRECT_CROSS_ORIGIN_REFUSED,
            "redirect from " + origin(uri) + " to another origin " + origin(next) + " refused",
            status);
      }
      if (status == 303) {
        method = "GET";
        body = "";
      }
      uri = next;
    }
  }

  private HttpRequest build(URI uri, String method, String body, Map<String, String> headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(settings.httpTimeout())
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(builder::header);
    return builder.build();
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static String origin(URI uri) {
    return uri.getScheme().toLowerCase(java.util.Locale.ROOT)
        + "://"
        + uri.getHost()
        + ":"
        + port(uri);
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0
        ? uri.getPort()
        : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  private static JsonNode json(String body) {
    try {
      return body.isBlank() ? Json.object() : Json.parse(body);
    } catch (IllegalArgumentException e) {
      return Json.object();
    }
  }
}
