package dev.tau.llm.anthropic;

import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.StreamSink;
import dev.tau.core.util.Urls;
import dev.tau.llm.ProviderSettings;
import dev.tau.llm.http.ErrorMapper;
import dev.tau.llm.http.ProviderHttp;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Anthropic's Messages API ({@code POST {base}/messages}) with {@code x-api-key} and {@code
 * anthropic-version: 2023-06-01}.
 */
public final class AnthropicProvider implements ModelProvider {
  /** The API version header value this adapter speaks. */
  public static final String API_VERSION = "2023-06-01";

  private final ProviderSettings settings;
  private final ProviderHttp http;
  private final AnthropicMapper mapper;
  private final URI endpoint;

  public AnthropicProvider(ProviderSettings settings) {
    this(settings, ProviderHttp.Options.system());
  }

  /**
   * @param options time, sleeping and randomness for retries
   */
  public AnthropicProvider(ProviderSettings settings, ProviderHttp.Options options) {
    this.settings = settings;
    this.mapper = new AnthropicMapper(settings.provider());
    this.http = new ProviderHttp(settings, options, ErrorMapper.standard());
    this.endpoint = http.resolve("/messages");
  }

  @Override
  public String id() {
    return settings.provider();
  }

  @Override
  public ModelResponse complete(ModelRequest request, Cancellation cancellation) {
    return mapper.response(
        http.postJson(endpoint, headers(), mapper.request(request, false), cancellation));
  }

  @Override
  public ModelResponse stream(ModelRequest request, StreamSink sink, Cancellation cancellation) {
    return http.postStream(
        endpoint,
        headers(),
        mapper.request(request, true),
        cancellation,
        sink,
        delivery -> new AnthropicStreamDecoder(settings.provider(), mapper, delivery));
  }

  private Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("anthropic-version", API_VERSION);
    if (settings.hasApiKey()) {
      headers.put("x-api-key", settings.apiKey());
    }
    return headers;
  }

  @Override
  public String toString() {
    return "AnthropicProvider["
        + settings.provider()
        + " at "
        + Urls.redact(settings.baseUrl())
        + "]";
  }
}
