package dev.tau.llm.anthropic;

import dev.tau.core.provider.ModelProvider;
import dev.tau.llm.testing.TestOptions;
import dev.tau.testkit.fakes.FakeAnthropicServer;
import dev.tau.testkit.fakes.FakeVendorServer;
import dev.tau.testkit.provider.ProviderConformance;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

class AnthropicConformanceTest extends ProviderConformance {
  @Override
  protected FakeVendorServer startServer() {
    return new FakeAnthropicServer();
  }

  @Override
  protected ModelProvider provider(
      URI baseUrl, String apiKey, int maxRetries, Consumer<Duration> sleeper) {
    return new AnthropicProvider(
        TestOptions.settings("anthropic", baseUrl, apiKey, maxRetries),
        TestOptions.recording(sleeper));
  }

  @Override
  protected String model() {
    return "claude-test";
  }
}
