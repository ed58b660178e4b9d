package dev.tau.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderSettingsTest {
  private static final URI BASE = URI.create("https://api.openai.com/v1");

  @Test
  void defaultsAreTenSecondsConnectTwoMinutesRequestThreeRetries() {
    ProviderSettings settings = ProviderSettings.of("openai", BASE);

    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(settings.maxRetries()).isEqualTo(3);
    assertThat(settings.apiKey()).isEmpty();
    assertThat(settings.hasApiKey()).isFalse();
    assertThat(settings.extraHeaders()).isEmpty();
  }

  @Test
  void openaiDefaultsToResponsesAndCompatibleProvidersToChat() {
    assertThat(ProviderSettings.of("openai", BASE).api()).isEqualTo(ProviderSettings.Api.RESPONSES);
    assertThat(ProviderSettings.of("groq", BASE).api()).isEqualTo(ProviderSettings.Api.CHAT);
    assertThat(ProviderSettings.of("ollama", BASE).api()).isEqualTo(ProviderSettings.Api.CHAT);
    assertThat(ProviderSettings.Api.parse("Chat")).isEqualTo(ProviderSettings.Api.CHAT);
    assertThatThrownBy(() -> ProviderSettings.Api.parse("graphql"))
        .hasMessageContaining("'responses' or 'chat'");
  }

  @Test
  void toStringNeverShowsTheKeyOrHeaderValues() {
    ProviderSettings settings =
        ProviderSettings.of("openrouter", BASE)
            .withApiKey("sk-very-secret")
            .withExtraHeader("Authorization-Extra", "Bearer other-secret");

    assertThat(settings.toString())
        .doesNotContain("sk-very-secret")
        .doesNotContain("other-secret")
        .contains("apiKey=***")
        .contains("Authorization-Extra=***")
        .contains("openrouter");
    assertThat(ProviderSettings.of("ollama", BASE).toString()).contains("apiKey=<none>");
  }

  @Test
  void userInfoAndQueryOfTheBaseUrlNeverShow() {
    URI secret = URI.create("https://u:sk-SECRET@proxy.example/v1?key=q-SECRET");

    assertThat(ProviderSettings.of("openai", secret).toString())
        .contains("baseUrl=https://***@proxy.example/v1?***")
        .doesNotContain("SECRET");
    assertThatThrownBy(
            () -> ProviderSettings.of("x", URI.create("ftp://u:sk-SECRET@host/v1?key=q-SECRET")))
        .hasMessage("baseUrl must be an http(s) URL with a host, got 'ftp://***@host/v1?***'");
  }

  @Test
  void rejectsBadValuesNamingTheField() {
    assertThatThrownBy(() -> ProviderSettings.of("x", URI.create("ftp://host/")))
        .hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> ProviderSettings.of("x", URI.create("/relative")))
        .hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> ProviderSettings.of(" ", BASE)).hasMessageContaining("provider");
    assertThatThrownBy(() -> ProviderSettings.of("x", BASE).withMaxRetries(-1))
        .hasMessageContaining("maxRetries");
    assertThatThrownBy(
            () -> ProviderSettings.of("x", BASE).withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(
            () ->
                ProviderSettings.of("x", BASE)
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
        .hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> ProviderSettings.of("x", BASE).withExtraHeader("X-A", "a\r\nX-B: b"))
        .hasMessageContaining("extraHeaders");
    assertThatThrownBy(() -> ProviderSettings.of("x", BASE).withApiKey("sk\nx"))
        .hasMessageContaining("apiKey")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk\nx"));
  }

  @Test
  void theKeyIsTrimmed() {
    assertThat(ProviderSettings.of("x", BASE).withApiKey("  sk-1  ").apiKey()).isEqualTo("sk-1");
  }
}
