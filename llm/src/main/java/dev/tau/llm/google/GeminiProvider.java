package dev.tau.llm.google;

import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.provider.StreamSink;
import dev.tau.core.util.IdSource;
import dev.tau.core.util.Urls;
import dev.tau.llm.ProviderSettings;
import dev.tau.llm.http.ErrorMapper;
import dev.tau.llm.http.ProviderHttp;
import java.net.URI;
import java.util.Map;

/**
 * Google's Gemini API ({@code POST {base}/models/{model}:generateContent} and {@code
 * :streamGenerateContent?alt=sse}). The key travels in the {@code x-goog-api-key} header, never in
 * the URL, so it cannot end up in a log line or an exception.
 */
public final class GeminiProvider implements ModelProvider {
  private final ProviderSettings settings;
  private final ProviderHttp http;
  private final GeminiMapper mapper;

  public GeminiProvider(ProviderSettings settings) {
    this(settings, ProviderHttp.Options.system(), IdSource.random());
  }

  /**
   * @param options time, sleeping and randomness for retries
   * @param ids makes tool-call ids, which Gemini usually does not send
   */
  public GeminiProvider(ProviderSettings settings, ProviderHttp.Options options, IdSource ids) {
    this.settings = settings;
    this.http = new ProviderHttp(settings, options, errors());
    this.mapper = new GeminiMapper(settings.provider(), ids, new ThoughtSignatures());
  }

  /** Gemini answers a wrong key with 400 API_KEY_INVALID; Tau reports it as an auth failure. */
  private static ErrorMapper errors() {
    ErrorMapper standard = ErrorMapper.standard();
    return (provider, status, body, retryAfter) -> {
      boolean badKey =
          status == 400 && (body.contains("API_KEY_INVALID") || body.contains("API key not valid"));
      return standard.map(provider, badKey ? 401 : status, body, retryAfter);
    };
  }

  @Override
  public String id() {
    return settings.provider();
  }

  @Override
  public ModelResponse complete(ModelRequest request, Cancellation cancellation) {
    return mapper.response(
        http.postJson(
            endpoint(request.model(), ":generateContent"),
            headers(),
            mapper.request(request),
            cancellation));
  }

  @Override
  public ModelResponse stream(ModelRequest request, StreamSink sink, Cancellation cancellation) {
    return http.postStream(
        endpoint(request.model(), ":streamGenerateContent?alt=sse"),
        headers(),
        mapper.request(request),
        cancellation,
        sink,
        delivery -> new GeminiStreamDecoder(settings.provider(), mapper, delivery));
  }

  private URI endpoint(String model, String method) {
    String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
    if (!name.matches("[A-Za-z0-9._\\-]+")) {
      throw new ProviderException.BadRequest(
          settings.provider(), 0, "invalid Gemini model name '" + model + "'");
    }
    return http.resolve("/models/" + name + method);
  }

  private Map<String, String> headers() {
    return settings.hasApiKey() ? Map.of("x-goog-api-key", settings.apiKey()) : Map.of();
  }

  @Override
  public String toString() {
    return "GeminiProvider[" + settings.provider() + " at " + Urls.redact(settings.baseUrl()) + "]";
  }
}
