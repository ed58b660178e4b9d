package dev.tau.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.model.Message;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ModelRef;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.util.IdSource;
import dev.tau.llm.anthropic.AnthropicProvider;
import dev.tau.llm.google.GeminiProvider;
import dev.tau.llm.offline.OfflineProvider;
import dev.tau.llm.openai.chat.OpenAiChatProvider;
import dev.tau.llm.openai.responses.OpenAiResponsesProvider;
import dev.tau.llm.testing.TestOptions;
import dev.tau.testkit.fakes.FakeAnthropicServer;
import dev.tau.testkit.fakes.FakeOpenAiServer;
import dev.tau.testkit.fakes.FakeReply;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderFactoryTest {

  private static ModelProvider create(String id, Map<String, String> env) {
    ModelRef ref = ModelRef.parse(id);
    return ProviderFactory.create(ref, ProviderFactory.settingsFromEnv(ref.provider(), env));
  }

  @Test
  void picksTheAdapterForEachProvider() {
    Map<String, String> env =
        Map.of(
            "OPENAI_API_KEY", "sk-o",
            "ANTHROPIC_API_KEY", "sk-a",
            "GEMINI_API_KEY", "g",
            "GROQ_API_KEY", "gq",
            "OPENROUTER_API_KEY", "or",
            "DEEPSEEK_API_KEY", "ds",
            "XAI_API_KEY", "x",
            "MISTRAL_API_KEY", "m");

    assertThat(create("openai/gpt-4o-mini", env)).isInstanceOf(OpenAiResponsesProvider.class);
    assertThat(create("gpt-4o-mini", env)).isInstanceOf(OpenAiResponsesProvider.class);
    assertThat(create("anthropic/claude-sonnet-4-5", env)).isInstanceOf(AnthropicProvider.class);
    assertThat(create("google/gemini-2.5-flash", env)).isInstanceOf(GeminiProvider.class);
    assertThat(create("gemini/gemini-2.5-flash", env)).isInstanceOf(GeminiProvider.class);
    for (String compatible :
        List.of(
            "groq/llama",
            "openrouter/openai/gpt-4o",
            "deepseek/deepseek-chat",
            "xai/grok-4",
            "mistral/mistral-large",
            "ollama/llama3.2")) {
      ModelProvider provider = create(compatible, env);
      assertThat(provider).as(compatible).isInstanceOf(OpenAiChatProvider.class);
      assertThat(provider.id()).isEqualTo(ModelRef.parse(compatible).provider());
    }
    assertThat(create("offline/echo", Map.of())).isInstanceOf(OfflineProvider.class);
  }

  @Test
  void openaiCanSpeakChatCompletions() {
    ProviderSettings settings =
        ProviderFactory.settingsFromEnv("openai", Map.of("OPENAI_API_KEY", "k"))
            .withApi(ProviderSettings.Api.CHAT);

    assertThat(ProviderFactory.create(ModelRef.parse("openai/gpt-4o"), settings))
        .isInstanceOf(OpenAiChatProvider.class);
  }

  @Test
  void readsKeysAndDefaultBaseUrls() {
    ProviderSettings openai =
        ProviderFactory.settingsFromEnv("openai", Map.of("OPENAI_API_KEY", " sk-1 "));
    assertThat(openai.apiKey()).isEqualTo("sk-1");
    assertThat(openai.baseUrl()).hasToString("https://api.openai.com/v1");
    assertThat(openai.api()).isEqualTo(ProviderSettings.Api.RESPONSES);

    assertThat(
            ProviderFactory.settingsFromEnv("openrouter", Map.of("OPENROUTER_API_KEY", "o"))
                .baseUrl())
        .hasToString("https://openrouter.ai/api/v1");
    assertThat(
            ProviderFactory.settingsFromEnv("anthropic", Map.of("ANTHROPIC_API_KEY", "a"))
                .baseUrl())
        .hasToString("https://api.anthropic.com/v1");
  }

  @Test
  void geminiIsAnAliasOfGoogleAndTakesEitherKey() {
    assertThat(ProviderFactory.settingsFromEnv("gemini", Map.of("GOOGLE_API_KEY", "g1")))
        .satisfies(
            s -> {
              assertThat(s.provider()).isEqualTo("google");
              assertThat(s.apiKey()).isEqualTo("g1");
              assertThat(s.baseUrl())
                  .hasToString("https://generativelanguage.googleapis.com/v1beta");
            });
    assertThat(ProviderFactory.settingsFromEnv("google", Map.of("GEMINI_API_KEY", "g2")).apiKey())
        .isEqualTo("g2");
  }

  @Test
  void baseUrlOverridesComeFromTauVariables() {
    Map<String, String> env =
        Map.of(
            "OPENAI_API_KEY", "k",
            "TAU_OPENAI_BASE_URL", "http://127.0.0.1:9999/v1",
            "ANTHROPIC_API_KEY", "k",
            "TAU_ANTHROPIC_BASE_URL", "https://proxy.example/anthropic/v1",
            "GEMINI_API_KEY", "k",
            "TAU_GOOGLE_BASE_URL", "https://proxy.example/gemini/v1beta");

    assertThat(ProviderFactory.settingsFromEnv("openai", env).baseUrl())
        .hasToString("http://127.0.0.1:9999/v1");
    assertThat(ProviderFactory.settingsFromEnv("anthropic", env).baseUrl())
        .hasToString("https://proxy.example/anthropic/v1");
    assertThat(ProviderFactory.settingsFromEnv("gemini", env).baseUrl())
        .hasToString("https://proxy.example/gemini/v1beta");
  }

  @Test
  void aBadBaseUrlVariableIsNotConfigured() {
    assertThatThrownBy(
            () ->
                ProviderFactory.settingsFromEnv(
                    "openai",
                    Map.of("OPENAI_API_KEY", "k", "TAU_OPENAI_BASE_URL", "api.openai.com")))
        .isInstanceOf(ProviderException.NotConfigured.class)
        .hasMessageContaining("TAU_OPENAI_BASE_URL");
  }

  @Test
  void aBadBaseUrlVariableIsQuotedWithoutItsUserInfo() {
    assertThatThrownBy(
            () ->
                ProviderFactory.settingsFromEnv(
                    "openai",
                    Map.of(
                        "OPENAI_API_KEY", "k", "TAU_OPENAI_BASE_URL", "ftp://u:sk-SECRET@host/v1")))
        .isInstanceOf(ProviderException.NotConfigured.class)
        .hasMessageContaining("TAU_OPENAI_BASE_URL must be an http(s) URL")
        .hasMessageContaining("got 'ftp://***@host/v1'")
        .hasMessageNotContaining("SECRET");
  }

  @Test
  void ollamaNeedsNoKeyAndHonoursOllamaHost() {
    assertThat(ProviderFactory.settingsFromEnv("ollama", Map.of()))
        .satisfies(
            s -> {
              assertThat(s.hasApiKey()).isFalse();
              assertThat(s.baseUrl()).hasToString("http://127.0.0.1:11434/v1");
            });
    assertThat(
            ProviderFactory.settingsFromEnv("ollama", Map.of("OLLAMA_HOST", "127.0.0.1:11500"))
                .baseUrl())
        .hasToString("http://127.0.0.1:11500/v1");
    assertThat(
            ProviderFactory.settingsFromEnv("ollama", Map.of("OLLAMA_HOST", "http://gpu-box:8080/"))
                .baseUrl())
        .hasToString("http://gpu-box:8080/v1");
    assertThat(
            ProviderFactory.settingsFromEnv("ollama", Map.of("OLLAMA_HOST", "0.0.0.0")).baseUrl())
        .hasToString("http://127.0.0.1:11434/v1");
    assertThat(
            ProviderFactory.settingsFromEnv(
                    "ollama",
                    Map.of("OLLAMA_HOST", "box:1", "TAU_OLLAMA_BASE_URL", "http://other:2/v1"))
                .baseUrl())
        .hasToString("http://other:2/v1");
    assertThat(
            ProviderFactory.settingsFromEnv("ollama", Map.of("TAU_API_KEY", "generic")).hasApiKey())
        .as("a generic key is not sent to a local server")
        .isFalse();
  }

  @Test
  void theGenericKeyIsAFallback() {
    assertThat(ProviderFactory.settingsFromEnv("groq", Map.of("TAU_API_KEY", "t")).apiKey())
        .isEqualTo("t");
    assertThat(
            ProviderFactory.settingsFromEnv("groq", Map.of("TAU_API_KEY", "t", "GROQ_API_KEY", "g"))
                .apiKey())
        .isEqualTo("g");
  }

  @Test
  void aMissingKeyNamesTheVariableToSet() {
    assertThatThrownBy(
            () -> ProviderFactory.settingsFromEnv("openai", Map.of("OPENAI_API_KEY", "  ")))
        .isInstanceOf(ProviderException.NotConfigured.class)
        .hasMessageContaining("set OPENAI_API_KEY");
    assertThatThrownBy(() -> ProviderFactory.settingsFromEnv("gemini", Map.of()))
        .isInstanceOf(ProviderException.NotConfigured.class)
        .hasMessageContaining("GEMINI_API_KEY or GOOGLE_API_KEY");
    assertThatThrownBy(
            () ->
                ProviderFactory.create(
                    ModelRef.parse("anthropic/claude"),
                    ProviderSettings.of("anthropic", URI.create("https://x.test/v1"))))
        .isInstanceOf(ProviderException.NotConfigured.class)
        .hasMessageContaining("ANTHROPIC_API_KEY");
  }

  @Test
  void anUnknownProviderListsTheKnownOnes() {
    assertThatThrownBy(() -> ProviderFactory.settingsFromEnv("openia", Map.of()))
        .isInstanceOf(ProviderException.NotConfigured.class)
        .hasMessageContaining("unknown provider 'openia'")
        .hasMessageContaining(
            "openai, anthropic, google, ollama, openrouter, deepseek, groq, xai, mistral, offline");
  }

  @Test
  void tellsWhetherAnyCredentialIsPresent() {
    assertThat(ProviderFactory.anyCredentialPresent(Map.of())).isFalse();
    assertThat(ProviderFactory.anyCredentialPresent(Map.of("OPENAI_API_KEY", " "))).isFalse();
    assertThat(ProviderFactory.anyCredentialPresent(Map.of("PATH", "/bin"))).isFalse();
    assertThat(ProviderFactory.anyCredentialPresent(Map.of("MISTRAL_API_KEY", "m"))).isTrue();
    assertThat(ProviderFactory.anyCredentialPresent(Map.of("GOOGLE_API_KEY", "g"))).isTrue();
    assertThat(ProviderFactory.anyCredentialPresent(Map.of("TAU_API_KEY", "t"))).isTrue();
  }

  @Test
  void offlineScriptNeedsAFile(@TempDir Path dir) throws IOException {
    ProviderSettings offline = ProviderFactory.settingsFromEnv("offline", Map.of());
    assertThatThrownBy(() -> ProviderFactory.create(ModelRef.parse("offline/script"), offline))
        .isInstanceOf(ProviderException.NotConfigured.class)
        .hasMessageContaining("--offline-script");

    Path script = Files.writeString(dir.resolve("s.json"), "[{\"text\":\"scripted hello\"}]");
    ModelProvider provider =
        ProviderFactory.create(ModelRef.parse("offline/script"), offline.withOfflineScript(script));
    assertThat(
            provider
                .complete(
                    ModelRequest.of("script", List.of(Message.user("hi"))), Cancellation.none())
                .message()
                .text())
        .isEqualTo("scripted hello");
  }

  @Test
  void ollamaAvailabilityIsProbedWithApiTags() throws IOException {
    try (FakeOpenAiServer ollama = new FakeOpenAiServer(FakeOpenAiServer.Flavor.OLLAMA)) {
      assertThat(ProviderFactory.ollamaAvailable(ollama.baseUrl(), Duration.ofSeconds(2))).isTrue();
      assertThat(ollama.lastRequest().method()).isEqualTo("GET");
      assertThat(ollama.lastRequest().path()).isEqualTo("/api/tags");
    }
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    assertThat(
            ProviderFactory.ollamaAvailable(
                URI.create("http://127.0.0.1:" + deadPort), Duration.ofMillis(500)))
        .isFalse();
  }

  @Test
  void settingsFromTheEnvironmentReachAFakeVendorEndToEnd() {
    try (FakeAnthropicServer anthropic = new FakeAnthropicServer()) {
      anthropic.enqueue(FakeReply.text("Hello through the factory."));
      Map<String, String> env =
          Map.of(
              "ANTHROPIC_API_KEY",
              "sk-ant-test",
              "TAU_ANTHROPIC_BASE_URL",
              anthropic.baseUrl().toString());
      ModelRef ref = ModelRef.parse("anthropic/claude-test");

      ModelProvider provider =
          ProviderFactory.create(
              ref,
              ProviderFactory.settingsFromEnv(ref.provider(), env),
              TestOptions.recording(d -> {}),
              IdSource.sequential());
      String text =
          provider
              .complete(
                  ModelRequest.of(ref.model(), List.of(Message.user("hi"))), Cancellation.none())
              .message()
              .text();

      assertThat(text).isEqualTo("Hello through the factory.");
      assertThat(anthropic.lastRequest().header("x-api-key")).contains("sk-ant-test");
    }
  }
}
