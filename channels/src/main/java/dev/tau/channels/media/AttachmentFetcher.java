package dev.tau.channels.media;

import dev.tau.channels.outbound.SsrfGuard;
import dev.tau.channels.outbound.SsrfSettings;
import dev.tau.core.util.Urls;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads an attachment for a reader. Attachment URLs come from strangers, so every URL and every
 * redirect hop passes the outbound {@link SsrfGuard} with its strictest settings (https only, no
 * private, loopback or metadata addresses); the byte limit is enforced while the body streams (a
 * declared {@code Content-Length} over it is refused before reading, a body that grows past it is
 * cut off there), and the whole download has one time budget.
 */
public final class AttachmentFetcher {
  /** Redirect hops followed (each one checked by the guard). */
  static final int MAX_REDIRECTS = 3;

  /** The bytes of one attachment and the content type the server declared (may be empty). */
  public record Fetched(byte[] bytes, String contentType) {
    public Fetched {
      Objects.requireNonNull(bytes, "bytes");
      Objects.requireNonNull(contentType, "contentType");
    }
  }

  private final FetchSettings settings;
  private final HttpClient client;
  private final SsrfGuard.HostResolver resolver;
  private final SsrfGuard guard;

  public AttachmentFetcher(FetchSettings settings, SsrfGuard.HostResolver resolver) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.guard = new SsrfGuard(new SsrfSettings(true, false, false, 0), resolver);
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public FetchSettings settings() {
    return settings;
  }

  /**
   * Downloads {@code url}.
   *
   * @throws MediaException when the URL is refused, the server fails or times out, or the body is
   *     larger than the limit ({@link MediaException#sizeLimit()})
   */
  public Fetched fetch(String url) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new MediaException("attachment url is not a valid URL", false);
    }
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    for (int hop = 0; ; hop++) {
      check(uri);
      HttpResponse<byte[]> response = send(uri, deadline);
      int status = response.statusCode();
      if (status >= 300 && status < 400 && status != 304) {
        if (hop >= MAX_REDIRECTS) {
          throw new MediaException(
              "attachment download followed more than " + MAX_REDIRECTS + " redirects", false);
        }
        String location =
            response
                .headers()
                .firstValue("location")
                .orElseThrow(
                    () ->
                        new MediaException(
                            "attachment redirect (HTTP " + status + ") has no Location", false));
        try {
          uri = uri.resolve(location.strip());
        } catch (IllegalArgumentException e) {
          throw new MediaException("attachment redirect Location is not a valid URL", false);
        }
        continue;
      }
      if (status < 200 || status >= 300) {
        boolean retryable = status == 408 || status == 429 || status >= 500;
        throw new MediaException(
            "attachment download failed: HTTP " + status + " from " + Urls.redact(uri), retryable);
      }
      String type = response.headers().firstValue("content-type").orElse("").split(";")[0].strip();
      return new Fetched(response.body(), type.toLowerCase(Locale.ROOT));
    }
  }

  private void check(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (settings.allowLoopback()
        && (scheme.equals("http") || scheme.equals("https"))
        && loopbackOnly(uri.getHost())) {
      return;
    }
    Optional<SsrfGuard.Blocked> blocked = guard.check(uri);
    if (blocked.isPresent()) {
      // delivery_ssrf_* → ssrf_*: the guard is shared with outbound delivery
      String code = blocked.get().reason().wire().replaceFirst("^delivery_", "");
      throw new MediaException(
          "attachment url refused (" + code + "): " + blocked.get().detail(), false);
    }
  }

  private boolean loopbackOnly(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    try {
      List<InetAddress> addresses = resolver.resolve(h);
      return !addresses.isEmpty() && addresses.stream().allMatch(InetAddress::isLoopbackAddress);
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }

  private HttpResponse<byte[]> send(URI uri, long deadline) {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      throw timeout(uri);
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .GET()
            .timeout(settings.timeout())
            .header("User-Agent", "tau-multi-channel-media")
            .build();
    CompletableFuture<HttpResponse<byte[]>> pending =
        client.sendAsync(request, info -> CappedBody.forResponse(info, settings.maxBytes()));
    try {
      return pending.get(remaining, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw timeout(uri);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new MediaException("attachment download was interrupted", true);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause != null && !(cause instanceof MediaException) && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof MediaException m) {
        throw m;
      }
      if (cause instanceof java.net.http.HttpTimeoutException) {
        // the client's own request timeout can fire just before ours: the same failure
        throw timeout(uri);
      }
      throw new MediaException(
          "attachment download from " + Urls.redact(uri) + " failed: " + describe(e.getCause()),
          true);
    }
  }

  private MediaException timeout(URI uri) {
    return new MediaException(
        "attachment download from "
            + Urls.redact(uri)
            + " timed out after "
            + settings.timeout().toMillis()
            + " ms",
        true);
  }

  private static String describe(Throwable t) {
    String message = t == null ? null : t.getMessage();
    return t == null
        ? "no answer"
        : t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** The download's body: only 2xx bodies are read, capped at the size limit. */
  static final class CappedBody {
    private CappedBody() {}

    static BodySubscriber<byte[]> forResponse(HttpResponse.ResponseInfo info, long max) {
      if (info.statusCode() < 200 || info.statusCode() >= 300) {
        return HttpResponse.BodySubscribers.replacing(new byte[0]);
      }
      return dev.tau.channels.http.CappedBody.of(
          info,
          max,
          () -> MediaException.tooLarge("attachment is larger than the " + max + "-byte limit"));
    }
  }
}
