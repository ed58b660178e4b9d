package dev.tau.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.cli.config.CliOverrides;
import dev.tau.cli.config.SettingsResolver;
import dev.tau.cli.config.Source;
import dev.tau.cli.config.TauSettings;
import dev.tau.core.error.InputException;
import dev.tau.testkit.fakes.FakeOpenAiServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelChoiceTest {
  @TempDir Path dir;

  private static final Map<String, String> NO_OLLAMA = Map.of("OLLAMA_HOST", "http://127.0.0.1:9");

  private TauSettings settings(CliOverrides flags, Map<String, String> env) {
    return SettingsResolver.resolve(flags, env, dir);
  }

  @Test
  void nothingConfiguredMeansOfflineSaidOutLoud() {
    ModelChoice choice = ModelChoice.resolve(settings(CliOverrides.none(), NO_OLLAMA), NO_OLLAMA);
    assertThat(choice.offline()).isTrue();
    assertThat(choice.notice())
        .contains("no model provider is configured")
        .contains("OPENAI_API_KEY");
  }

  @Test
  void aCredentialInTheEnvironmentPicksItsProvider() {
    Map<String, String> env = Map.of("ANTHROPIC_API_KEY", "k", "OLLAMA_HOST", "http://127.0.0.1:9");
    ModelChoice choice = ModelChoice.resolve(settings(CliOverrides.none(), env), env);
    assertThat(choice.ref().toString()).isEqualTo("anthropic/claude-sonnet-4-5");
    assertThat(choice.notice()).isEmpty();
  }

  @Test
  void openAiWinsWhenSeveralKeysArePresent() {
    Map<String, String> env = Map.of("GEMINI_API_KEY", "g", "OPENAI_API_KEY", "o");
    assertThat(ModelChoice.resolve(settings(CliOverrides.none(), env), env).ref().provider())
        .isEqualTo("openai");
  }

  @Test
  void anExplicitModelAlwaysWins() {
    Map<String, String> env = Map.of("OPENAI_API_KEY", "o", "TAU_MODEL", "google/gemini-2.5-flash");
    ModelChoice choice = ModelChoice.resolve(settings(CliOverrides.none(), env), env);
    assertThat(choice.ref().toString()).isEqualTo("google/gemini-2.5-flash");
    assertThat(choice.source()).isEqualTo(Source.ENV);
  }

  @Test
  void aMalformedModelIdIsAnInputError() {
    Map<String, String> env = Map.of("TAU_MODEL", "openai/");
    assertThatThrownBy(() -> ModelChoice.resolve(settings(CliOverrides.none(), env), env))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("provider/model");
  }

  @Test
  void aRunningOllamaIsOffered() throws Exception {
    try (var ollama = new FakeOpenAiServer(FakeOpenAiServer.Flavor.OLLAMA)) {
      // the usual form of OLLAMA_HOST: host:port, no scheme, no path
      Map<String, String> env = Map.of("OLLAMA_HOST", "127.0.0.1:" + ollama.baseUrl().getPort());
      ModelChoice choice = ModelChoice.resolve(settings(CliOverrides.none(), env), env);
      assertThat(choice.offline()).isTrue();
      assertThat(choice.notice())
          .contains("An Ollama server answers at")
          .contains("--model ollama/");
    }
  }
}
