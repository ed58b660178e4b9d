package dev.tau.llm.openai.chat;

import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.StreamSink;
import dev.tau.core.util.IdSource;
import dev.tau.core.util.Urls;
import dev.tau.llm.ProviderSettings;
import dev.tau.llm.http.ErrorMapper;
import dev.tau.llm.http.ProviderHttp;
import java.net.URI;
import java.util.Map;

/**
 * OpenAI Chat Completions ({@code POST {base}/chat/completions}), the API every OpenAI-compatible
 * server speaks: Ollama, OpenRouter, DeepSeek, Groq, xAI, Mistral, vLLM, LM Studio.
 */
public final class OpenAiChatProvider implements ModelProvider {
  private final ProviderSettings settings;
  private final ProviderHttp http;
  private final ChatMapper mapper;
  private final IdSource ids;
  private final URI endpoint;

  public OpenAiChatProvider(ProviderSettings settings) {
    this(settings, ProviderHttp.Options.system(), IdSource.random());
  }

  /**
   * @param options time, sleeping and randomness for retries
   * @param ids makes tool-call ids for servers that send none
   */
  public OpenAiChatProvider(ProviderSettings settings, ProviderHttp.Options options, IdSource ids) {
    this.settings = settings;
    this.http = new ProviderHttp(settings, options, ErrorMapper.standard());
    this.ids = ids;
    this.mapper =
        new ChatMapper(settings.provider(), ChatDialect.forProvider(settings.provider()), ids);
    this.endpoint = http.resolve("/chat/completions");
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
        delivery -> new ChatStreamDecoder(settings.provider(), delivery, ids));
  }

  private Map<String, String> headers() {
    return settings.hasApiKey() ? Map.of("Authorization", "Bearer " + settings.apiKey()) : Map.of();
  }

  @Override
  public String toString() {
    return "OpenAiChatProvider["
        + settings.provider()
        + " at "
        + Urls.redact(settings.baseUrl())
        + "]";
  }
}
