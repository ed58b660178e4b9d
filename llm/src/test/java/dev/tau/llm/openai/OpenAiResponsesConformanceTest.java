package dev.tau.llm.openai;

import dev.tau.core.provider.ModelProvider;
import dev.tau.llm.openai.responses.OpenAiResponsesProvider;
import dev.tau.llm.testing.TestOptions;
import dev.tau.testkit.fakes.FakeOpenAiServer;
import dev.tau.testkit.fakes.FakeVendorServer;
import dev.tau.testkit.provider.ProviderConformance;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

class OpenAiResponsesConformanceTest extends ProviderConformance {
  @Override
  protected FakeVendorServer startServer() {
    return new FakeOpenAiServer();
  }

  @Override
  protected ModelProvider provider(
      URI baseUrl, String apiKey, int maxRetries, Consumer<Duration> sleeper) {
    return new OpenAiResponsesProvider(
        TestOptions.settings("openai", baseUrl, apiKey, maxRetries),
        TestOptions.recording(sleeper));
  }
}
