package dev.tau.llm.http;

import dev.tau.core.json.Json;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.CancelledException;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.ProviderErrors;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.provider.StreamEvent;
import dev.tau.core.provider.StreamSink;
import dev.tau.core.util.Urls;
import dev.tau.llm.ProviderSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The one HTTP client every adapter uses: JSON {@code POST}s on {@link HttpClient} with timeouts,
 * retries and cancellation.
 *
 * <p>Retries: a 408, 429 or 5xx answer, a vendor error event that arrives before any output, and a
 * connection failure are retried up to {@link ProviderSettings#maxRetries()} times with {@link
 * Backoff} (exponential, full jitter, {@code Retry-After} as a floor). Once a stream has delivered
 * anything to the sink nothing is retried, so no caller ever sees output twice.
 *
 * <p>Cancellation: {@link Cancellation#cancel()} cancels the pending {@code sendAsync} future
 * (which aborts the exchange) and closes the response body, so a blocked read ends at once; the
 * call then throws {@link CancelledException}.
 *
 * <p>Timeouts: the connect timeout bounds connecting, the request timeout bounds the wait for the
 * response headers and, while the body is read, any silence longer than it (a stalled stream).
 *
 * <p>Every non-2xx answer goes through the adapter's {@link ErrorMapper}. The API key is scrubbed
 * from vendor messages and never appears in an exception.
 */
public final class ProviderHttp implements AutoCloseable {
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final ProviderSettings settings;
  private final Options options;
  private final ErrorMapper errors;
  private final HttpClient client;

  /**
   * What the retry loop needs from outside, injected so tests control time and randomness.
   *
   * @param clock reads {@code Retry-After} dates
   * @param sleeper waits between attempts
   * @param random draws the jitter
   * @param backoff the wait schedule
   */
  public record Options(Clock clock, Sleeper sleeper, RandomGenerator random, Backoff backoff) {
    public Options {
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(sleeper, "sleeper");
      Objects.requireNonNull(random, "random");
      Objects.requireNonNull(backoff, "backoff");
    }

    /** The real clock, real sleeping, a shared random source and {@link Backoff#DEFAULT}. */
    public static Options system() {
      return new Options(
          Clock.systemUTC(), Sleeper.system(), RandomGenerator.getDefault(), Backoff.DEFAULT);
    }
  }

  public ProviderHttp(ProviderSettings settings, Options options, ErrorMapper errors) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.options = Objects.requireNonNull(options, "options");
    this.errors = Objects.requireNonNull(errors, "errors");
    boolean plain = "http".equalsIgnoreCase(settings.baseUrl().getScheme());
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            // local servers (Ollama) speak HTTP/1.1 in the clear; TLS vendors negotiate HTTP/2
            .version(plain ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public ProviderSettings settings() {
    return settings;
  }

  /** {@code base + path}, keeping the base's own path ({@code /v1}). */
  public URI resolve(String pathAndQuery) {
    String base = settings.baseUrl().toString();
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return URI.create(trimmed + (pathAndQuery.startsWith("/") ? "" : "/") + pathAndQuery);
  }

  /** A non-streaming call: posts {@code body} and returns the parsed JSON answer. */
  public JsonNode postJson(
      URI uri, Map<String, String> headers, JsonNode body, Cancellation cancellation) {
    HttpRequest request = request(uri, headers, body, "application/json");
    return execute(
        request,
        cancellation,
        new Delivery(StreamSink.DISCARD),
        (in, answerHeaders) -> {
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          try {
            return Json.parse(text);
          } catch (IllegalArgumentException e) {
            throw new ProviderException.ProtocolError(
                provider(),
                provider() + " answered with invalid JSON: " + SseParser.abbreviate(text),
                e);
          }
        });
  }

  /**
   * A streaming call: posts {@code body}, feeds the event stream to the decoder made by {@code
   * decoders} (which emits into the sink it is given), emits {@link StreamEvent.Completed} and
   * returns the answer.
   *
   * @throws ProviderException.ProtocolError when the stream is malformed or ends before the decoder
   *     saw its terminal event
   */
  public ModelResponse postStream(
      URI uri,
      Map<String, String> headers,
      JsonNode body,
      Cancellation cancellation,
      StreamSink sink,
      Function<StreamSink, StreamDecoder> decoders) {
    HttpRequest request = request(uri, headers, body, "text/event-stream");
    Delivery delivery = new Delivery(sink);
    return execute(
        request,
        cancellation,
        delivery,
        (in, answerHeaders) -> {
          requireEventStream(in, answerHeaders);
          SseParser parser = new SseParser(in, provider());
          StreamDecoder decoder = decoders.apply(delivery);
          while (true) {
            Optional<SseEvent> event = parser.next();
            if (event.isEmpty()) {
              throw new ProviderException.ProtocolError(
                  provider(), provider() + " stream ended before completion", null);
            }
            cancellation.throwIfCancelled();
            if (decoder.onEvent(event.get())) {
              break;
            }
          }
          ModelResponse answer = decoder.finish();
          delivery.accept(new StreamEvent.Completed(answer));
          return answer;
        });
  }

  @Override
  public void close() {
    client.close();
  }

  private String provider() {
    return settings.provider();
  }

  private HttpRequest request(URI uri, Map<String, String> headers, JsonNode body, String accept) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", accept)
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
    settings.extraHeaders().forEach(builder::setHeader);
    headers.forEach(builder::setHeader);
    return builder.build();
  }

  @FunctionalInterface
  private interface BodyReader<T> {
    T read(InputStream body, HttpHeaders headers) throws IOException;
  }

  private <T> T execute(
      HttpRequest request, Cancellation cancellation, Delivery delivery, BodyReader<T> reader) {
    for (int attempt = 0; ; attempt++) {
      cancellation.throwIfCancelled();
      boolean canRetry = attempt < settings.maxRetries();
      ProviderException failure;
      try {
        HttpResponse<InputStream> response = send(request, cancellation);
        int status = response.statusCode();
        if (status < 200 || status > 299) {
          failure = errorOf(response);
        } else {
          return readBody(response, cancellation, delivery, reader);
        }
      } catch (ProviderException e) {
        failure = e;
      }
      if (!canRetry || !failure.retryable() || delivery.delivered()) {
        throw failure;
      }
      Optional<Duration> wait =
          options.backoff().delay(attempt, failure.retryAfter(), options.random());
      if (wait.isEmpty()) {
        throw failure;
      }
      options.sleeper().sleep(wait.get(), cancellation);
    }
  }

  private HttpResponse<InputStream> send(HttpRequest request, Cancellation cancellation) {
    CompletableFuture<HttpResponse<InputStream>> future =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    AutoCloseable registration = cancellation.onCancel(() -> future.cancel(true));
    try {
      return future.get();
    } catch (CancellationException e) {
      throw new CancelledException();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancelledException();
    } catch (ExecutionException e) {
      if (cancellation.isCancelled()) {
        throw new CancelledException();
      }
      throw connectionFailure(e.getCause() == null ? e : e.getCause());
    } finally {
      closeQuietly(registration);
    }
  }

  private <T> T readBody(
      HttpResponse<InputStream> response,
      Cancellation cancellation,
      Delivery delivery,
      BodyReader<T> reader) {
    InputStream raw = response.body();
    AutoCloseable registration = cancellation.onCancel(() -> closeQuietly(raw));
    IdleWatch watch = new IdleWatch(raw, settings.requestTimeout());
    try (raw;
        watch) {
      cancellation.throwIfCancelled();
      return reader.read(watch, response.headers());
    } catch (IOException e) {
      if (cancellation.isCancelled()) {
        throw new CancelledException();
      }
      String what =
          watch.stalled()
              ? "no data arrived for " + settings.requestTimeout().toSeconds() + " s"
              : describe(e);
      if (delivery.delivered()) {
        throw new ProviderException.ProtocolError(
            provider(), provider() + " stream was interrupted: " + what, e);
      }
      throw new ProviderException.ConnectionFailed(
          provider(), provider() + " connection failed while reading the answer: " + what, e);
    } catch (ProviderException e) {
      if (cancellation.isCancelled()) {
        throw new CancelledException();
      }
      throw e;
    } finally {
      closeQuietly(registration);
    }
  }

  private ProviderException errorOf(HttpResponse<InputStream> response) {
    String text;
    try (InputStream body = response.body()) {
      text = new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
    } catch (IOException e) {
      text = "";
    }
    Optional<Duration> retryAfter =
        ProviderErrors.parseRetryAfter(
            response.headers().firstValue("retry-after").orElse(null), options.clock());
    return errors.map(provider(), response.statusCode(), scrub(text), retryAfter);
  }

  private void requireEventStream(InputStream body, HttpHeaders headers) throws IOException {
    String type = headers.firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
    if (type.isEmpty() || type.startsWith("text/event-stream")) {
      return;
    }
    String text = new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8).strip();
    if (type.contains("json")) {
      try {
        JsonNode node = Json.parse(text);
        if (node.has("error")) {
          throw errors.map(provider(), 500, scrub(text), Optional.empty());
        }
      } catch (IllegalArgumentException notJson) {
        // reported below like any other unexpected body
      }
    }
    throw new ProviderException.ProtocolError(
        provider(),
        provider()
            + " answered a streaming request with '"
            + type
            + "' instead of an event stream: "
            + SseParser.abbreviate(scrub(text)),
        null);
  }

  private ProviderException connectionFailure(Throwable cause) {
    // only scheme, host and port: user info and query could hold credentials
    String where =
        Urls.redact(settings.baseUrl().getScheme() + "://" + settings.baseUrl().getRawAuthority());
    return new ProviderException.ConnectionFailed(
        provider(),
        "could not reach " + provider() + " at " + where + ": " + describe(cause),
        cause);
  }

  private String describe(Throwable cause) {
    return switch (cause) {
      case HttpConnectTimeoutException t ->
          "timed out connecting after " + settings.connectTimeout().toSeconds() + " s";
      case HttpTimeoutException t ->
          "no answer within the request timeout of " + settings.requestTimeout().toSeconds() + " s";
      case ConnectException c -> "connection refused";
      default ->
          scrub(
              cause.getMessage() == null || cause.getMessage().isBlank()
                  ? cause.getClass().getSimpleName()
                  : cause.getMessage());
    };
  }

  /** Removes the API key and the base URL's user info from text a vendor or the JDK produced. */
  private String scrub(String text) {
    if (text == null) {
      return null;
    }
    String key = settings.apiKey();
    String scrubbed = key.length() < 4 ? text : text.replace(key, "***");
    String userInfo = settings.baseUrl().getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      scrubbed = scrubbed.replace(userInfo, "***");
      String decoded = settings.baseUrl().getUserInfo();
      scrubbed = decoded.isEmpty() ? scrubbed : scrubbed.replace(decoded, "***");
    }
    return scrubbed;
  }

  static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing is best effort: the exchange is being abandoned anyway
    }
  }

  /** A sink that remembers whether anything reached the caller, which ends retrying. */
  private static final class Delivery implements StreamSink {
    private final StreamSink sink;
    private volatile boolean delivered;

    Delivery(StreamSink sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void accept(StreamEvent event) {
      delivered = true;
      sink.accept(event);
    }

    boolean delivered() {
      return delivered;
    }
  }
}
