package dev.tau.llm.openai;

import dev.tau.core.provider.ModelProvider;
import dev.tau.llm.ProviderSettings;
import dev.tau.llm.openai.chat.OpenAiChatProvider;
import dev.tau.llm.testing.TestOptions;
import dev.tau.testkit.fakes.FakeOpenAiServer;
import dev.tau.testkit.fakes.FakeVendorServer;
import dev.tau.testkit.provider.ProviderConformance;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

class OpenAiChatConformanceTest extends ProviderConformance {
  @Override
  protected FakeVendorServer startServer() {
    return new FakeOpenAiServer();
  }

  @Override
  protected ModelProvider provider(
      URI baseUrl, String apiKey, int maxRetries, Consumer<Duration> sleeper) {
    return new OpenAiChatProvider(
        TestOptions.settings("openai", baseUrl, apiKey, maxRetries)
            .withApi(ProviderSettings.Api.CHAT),
        TestOptions.recording(sleeper),
        TestOptions.ids());
  }
}
