package dev.tau.llm.google;

import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.provider.StreamSink;
import dev.tau.core.util.IdSource;
import dev.tau.llm.ProviderSettings;
import dev.tau.llm.http.ErrorMapper;
import dev.tau.llm.http.HttpModelProvider;
import dev.tau.llm.http.ProviderHttp;
import dev.tau.llm.http.StreamDecoder;
import java.net.URI;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Google's Gemini API ({@code POST {base}/models/{model}:generateContent} and {@code
 * :streamGenerateContent?alt=sse}). The key travels in the {@code x-goog-api-key} header, never in
 * the URL, so it cannot end up in a log line or an exception.
 */
public final class GeminiProvider extends HttpModelProvider {
  private final GeminiMapper mapper;

  public GeminiProvider(ProviderSettings settings) {
    this(settings, ProviderHttp.Options.system(), IdSource.random());
  }

  /**
   * @param options time, sleeping and randomness for retries
   * @param ids makes tool-call ids, which Gemini usually does not send
   */
  public GeminiProvider(ProviderSettings settings, ProviderHttp.Options options, IdSource ids) {
    super(settings, options, errors());
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

  /** The model is part of the URL, and streaming is a different method on it. */
  @Override
  protected URI endpoint(ModelRequest request, boolean stream) {
    String model = request.model();
    String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
    if (!name.matches("[A-Za-z0-9._\\-]+")) {
      throw new ProviderException.BadRequest(id(), 0, "invalid Gemini model name '" + model + "'");
    }
    return resolve(
        "/models/" + name + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"));
  }

  @Override
  protected Map<String, String> headers() {
    return keyHeader("x-goog-api-key", "");
  }

  /** Gemini's body is the same for both calls; streaming is chosen by the URL. */
  @Override
  protected JsonNode body(ModelRequest request, boolean stream) {
    return mapper.request(request);
  }

  @Override
  protected ModelResponse response(JsonNode body) {
    return mapper.response(body);
  }

  @Override
  protected StreamDecoder decoder(StreamSink sink) {
    return new GeminiStreamDecoder(id(), mapper, sink);
  }
}
