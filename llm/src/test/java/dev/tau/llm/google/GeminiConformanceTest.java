package dev.tau.llm.google;

import dev.tau.core.provider.ModelProvider;
import dev.tau.llm.testing.TestOptions;
import dev.tau.testkit.fakes.FakeGeminiServer;
import dev.tau.testkit.fakes.FakeVendorServer;
import dev.tau.testkit.provider.ProviderConformance;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

class GeminiConformanceTest extends ProviderConformance {
  @Override
  protected FakeVendorServer startServer() {
    return new FakeGeminiServer();
  }

  @Override
  protected ModelProvider provider(
      URI baseUrl, String apiKey, int maxRetries, Consumer<Duration> sleeper) {
    return new GeminiProvider(
        TestOptions.settings("google", baseUrl, apiKey, maxRetries),
        TestOptions.recording(sleeper),
        TestOptions.ids());
  }

  @Override
  protected String model() {
    return "gemini-test";
  }

  @Override
  protected boolean vendorSendsToolCallIds() {
    return false;
  }
}
