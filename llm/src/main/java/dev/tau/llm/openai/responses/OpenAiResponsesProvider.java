package dev.tau.llm.openai.responses;

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
import java.util.Map;

/**
 * OpenAI's Responses API ({@code POST {base}/responses}), the default for provider {@code openai}.
 */
public final class OpenAiResponsesProvider implements ModelProvider {
  private final ProviderSettings settings;
  private final ProviderHttp http;
  private final ResponsesMapper mapper;
  private final URI endpoint;

  public OpenAiResponsesProvider(ProviderSettings settings) {
    this(settings, ProviderHttp.Options.system());
  }

  /**
   * @param options time, sleeping and randomness for retries
   */
  public OpenAiResponsesProvider(ProviderSettings settings, ProviderHttp.Options options) {
    this.settings = settings;
    this.http = new ProviderHttp(settings, options, ErrorMapper.standard());
    this.mapper = new ResponsesMapper(settings.provider());
    this.endpoint = http.resolve("/responses");
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
        delivery -> new ResponsesStreamDecoder(settings.provider(), mapper, delivery));
  }

  private Map<String, String> headers() {
    return settings.hasApiKey() ? Map.of("Authorization", "Bearer " + settings.apiKey()) : Map.of();
  }

  @Override
  public String toString() {
    return "OpenAiResponsesProvider["
        + settings.provider()
        + " at "
        + Urls.redact(settings.baseUrl())
        + "]";
  }
}
