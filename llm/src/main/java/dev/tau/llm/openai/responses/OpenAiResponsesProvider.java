package dev.tau.llm.openai.responses;

import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.StreamSink;
import dev.tau.llm.ProviderSettings;
import dev.tau.llm.http.ErrorMapper;
import dev.tau.llm.http.HttpModelProvider;
import dev.tau.llm.http.ProviderHttp;
import dev.tau.llm.http.StreamDecoder;
import java.net.URI;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's Responses API ({@code POST {base}/responses}), the default for provider {@code openai}.
 */
public final class OpenAiResponsesProvider extends HttpModelProvider {
  private final ResponsesMapper mapper;

  public OpenAiResponsesProvider(ProviderSettings settings) {
    this(settings, ProviderHttp.Options.system());
  }

  /**
   * @param options time, sleeping and randomness for retries
   */
  public OpenAiResponsesProvider(ProviderSettings settings, ProviderHttp.Options options) {
    super(settings, options, ErrorMapper.standard());
    this.mapper = new ResponsesMapper(settings.provider());
  }

  @Override
  protected URI endpoint(ModelRequest request, boolean stream) {
    return resolve("/responses");
  }

  @Override
  protected Map<String, String> headers() {
    return keyHeader("Authorization", "Bearer ");
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
    return new ResponsesStreamDecoder(id(), mapper, sink);
  }
}
