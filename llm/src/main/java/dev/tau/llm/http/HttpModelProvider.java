package dev.tau.llm.http;

import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.StreamSink;
import dev.tau.core.util.Urls;
import dev.tau.llm.ProviderSettings;
import java.net.URI;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The part every HTTP adapter shares: it owns the settings and the {@link ProviderHttp}, posts the
 * mapped request body and maps the answer back. A vendor adapter extends it and fills in only its
 * wire: where a request goes, its headers, its body, how an answer maps back and how a stream is
 * decoded.
 *
 * <p>{@link #toString()} names the adapter, the provider and the redacted base URL, never the key.
 */
public abstract class HttpModelProvider implements ModelProvider {
  private final ProviderSettings settings;
  private final ProviderHttp http;

  /**
   * @param options time, sleeping and randomness for retries
   * @param errors maps a non-2xx answer to an exception
   */
  protected HttpModelProvider(
      ProviderSettings settings, ProviderHttp.Options options, ErrorMapper errors) {
    this.settings = settings;
    this.http = new ProviderHttp(settings, options, errors);
  }

  @Override
  public final String id() {
    return settings.provider();
  }

  @Override
  public final ModelResponse complete(ModelRequest request, Cancellation cancellation) {
    return response(
        http.postJson(endpoint(request, false), headers(), body(request, false), cancellation));
  }

  @Override
  public final ModelResponse stream(
      ModelRequest request, StreamSink sink, Cancellation cancellation) {
    return http.postStream(
        endpoint(request, true), headers(), body(request, true), cancellation, sink, this::decoder);
  }

  /** Where {@code request} is posted; {@code stream} says whether it is a streaming call. */
  protected abstract URI endpoint(ModelRequest request, boolean stream);

  /** The vendor's headers for every call (authentication, API version). */
  protected abstract Map<String, String> headers();

  /** The vendor's JSON body for {@code request}. */
  protected abstract JsonNode body(ModelRequest request, boolean stream);

  /** The answer of a non-streaming call, mapped back to Tau's response. */
  protected abstract ModelResponse response(JsonNode body);

  /** A decoder for one streamed answer, emitting into {@code sink}. */
  protected abstract StreamDecoder decoder(StreamSink sink);

  /** {@code base + path}, keeping the base URL's own path ({@code /v1}). */
  protected final URI resolve(String pathAndQuery) {
    return http.resolve(pathAndQuery);
  }

  /**
   * The API key in header {@code name} after {@code prefix} ({@code "Bearer "}), or no header when
   * the settings hold no key.
   */
  protected final Map<String, String> keyHeader(String name, String prefix) {
    return settings.hasApiKey() ? Map.of(name, prefix + settings.apiKey()) : Map.of();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "["
        + settings.provider()
        + " at "
        + Urls.redact(settings.baseUrl())
        + "]";
  }
}
