package dev.tau.llm.openai;

import dev.tau.core.provider.ModelProvider;
import dev.tau.llm.openai.chat.OpenAiChatProvider;
import dev.tau.llm.testing.TestOptions;
import dev.tau.testkit.fakes.FakeOpenAiServer;
import dev.tau.testkit.fakes.FakeVendorServer;
import dev.tau.testkit.provider.ProviderConformance;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/** The Chat adapter against an Ollama-flavoured server: no key, whole tool calls per chunk. */
class OllamaChatConformanceTest extends ProviderConformance {
  @Override
  protected FakeVendorServer startServer() {
    return new FakeOpenAiServer(FakeOpenAiServer.Flavor.OLLAMA);
  }

  @Override
  protected ModelProvider provider(
      URI baseUrl, String apiKey, int maxRetries, Consumer<Duration> sleeper) {
    return new OpenAiChatProvider(
        TestOptions.settings("ollama", baseUrl, apiKey, maxRetries),
        TestOptions.recording(sleeper),
        TestOptions.ids());
  }

  @Override
  protected String model() {
    return "llama3.2";
  }

  @Override
  protected boolean sendsApiKey() {
    return false;
  }
}
