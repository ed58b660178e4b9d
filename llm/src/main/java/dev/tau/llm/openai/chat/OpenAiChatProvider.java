package dev.tau.llm.openai.chat;

import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
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
 * OpenAI Chat Completions ({@code POST {base}/chat/completions}), the API every OpenAI-compatible
 * server speaks: Ollama, OpenRouter, DeepSeek, Groq, xAI, Mistral, vLLM, LM Studio.
 */
public final class OpenAiChatProvider extends HttpModelProvider {
  private final ChatMapper mapper;
  private final IdSource ids;

  public OpenAiChatProvider(ProviderSettings settings) {
    this(settings, ProviderHttp.Options.system(), IdSource.random());
  }

  /**
   * @param options time, sleeping and randomness for retries
   * @param ids makes tool-call ids for servers that send none
   */
  public OpenAiChatProvider(ProviderSettings settings, ProviderHttp.Options options, IdSource ids) {
    super(settings, options, ErrorMapper.standard());
    this.ids = ids;
    this.mapper =
        new ChatMapper(settings.provider(), ChatDialect.forProvider(settings.provider()), ids);
  }

  @Override
  protected URI endpoint(ModelRequest request, boolean stream) {
    return resolve("/chat/completions");
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
    return new ChatStreamDecoder(id(), sink, ids);
  }
}
