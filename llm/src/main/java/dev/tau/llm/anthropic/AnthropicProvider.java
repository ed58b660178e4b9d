package dev.tau.llm.anthropic;

import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.StreamSink;
import dev.tau.llm.ProviderSettings;
import dev.tau.llm.http.ErrorMapper;
import dev.tau.llm.http.HttpModelProvider;
import dev.tau.llm.http.ProviderHttp;
import dev.tau.llm.http.StreamDecoder;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic's Messages API ({@code POST {base}/messages}) with {@code x-api-key} and {@code
 * anthropic-version: 2023-06-01}.
 */
public final class AnthropicProvider extends HttpModelProvider {
  /** The API version header value this adapter speaks. */
  public static final String API_VERSION = "2023-06-01";

  private final AnthropicMapper mapper;

  public AnthropicProvider(ProviderSettings settings) {
    this(settings, ProviderHttp.Options.system());
  }

  /**
   * @param options time, sleeping and randomness for retries
   */
  public AnthropicProvider(ProviderSettings settings, ProviderHttp.Options options) {
    super(settings, options, ErrorMapper.standard());
    this.mapper = new AnthropicMapper(settings.provider());
  }

  @Override
  protected URI endpoint(ModelRequest request, boolean stream) {
    return resolve("/messages");
  }

  @Override
  protected Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("anthropic-version", API_VERSION);
    headers.putAll(keyHeader("x-api-key", ""));
    return headers;
  }

  @Override
  protected JsonNode body(ModelRequest request, boolean stream) {
    return mapper.request(request, stream);
  }

  @Override
  protected ModelResponse response(JsonNode body) {
    return mapper.response(body);
  }

  @Override
  protected StreamDecoder decoder(StreamSink sink) {
    return new AnthropicStreamDecoder(id(), mapper, sink);
  }
}
