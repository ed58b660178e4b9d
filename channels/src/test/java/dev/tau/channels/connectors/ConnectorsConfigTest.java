package dev.tau.channels.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorsConfigTest {

  private static ConnectorsConfig.Builder telegramPolling() {
    return ConnectorsConfig.builder()
        .telegramMode(IngressMode.POLLING)
        .telegramBotToken(Secret.of("123:abc"));
  }

  @Test
  void rejectsAllModesDisabled() {
    assertThatThrownBy(() -> ConnectorsConfig.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one enabled mode");
  }

  @Test
  void rejectsDiscordWebhookAndWhatsAppPolling() {
    assertThatThrownBy(() -> ConnectorsConfig.builder().discordMode(IngressMode.WEBHOOK).build())
        .hasMessageContaining("--multi-channel-discord-ingress-mode webhook is not supported");
    assertThatThrownBy(() -> ConnectorsConfig.builder().whatsappMode(IngressMode.POLLING).build())
        .hasMessageContaining("--multi-channel-whatsapp-ingress-mode polling is not supported");
  }

  @Test
  void discordPollingNeedsAChannelId() {
    assertThatThrownBy(() -> ConnectorsConfig.builder().discordMode(IngressMode.POLLING).build())
        .hasMessageContaining("needs at least one --multi-channel-discord-ingress-channel-id");
    ConnectorsConfig ok =
        ConnectorsConfig.builder()
            .discordMode(IngressMode.POLLING)
            .discordChannelIds(List.of("111, 222", "333"))
            .build();
    assertThat(ok.discordChannelIds()).containsExactly("111", "222", "333");
  }

  @Test
  void guildIdsRequireDiscordPolling() {
    assertThatThrownBy(() -> telegramPolling().discordGuildIds(List.of("9")).build())
        .hasMessageContaining("--multi-channel-discord-ingress-guild-id requires");
  }

  @Test
  void webhookModesNeedAParsableBind() {
    ConnectorsConfig.Builder webhook =
        ConnectorsConfig.builder()
            .telegramMode(IngressMode.WEBHOOK)
            .telegramWebhookSecret(Secret.of("s3cret"));
    assertThatThrownBy(() -> webhook.webhookBind("localhost").build())
        .hasMessageContaining("--multi-channel-live-webhook-bind must be <host:port>");
    assertThatThrownBy(() -> webhook.webhookBind("127.0.0.1:99999").build())
        .hasMessageContaining("--multi-channel-live-webhook-bind");
    assertThat(webhook.webhookBind("127.0.0.1:8788").build().webhookBind().getPort())
        .isEqualTo(8788);
    // a polling-only config never parses the bind
    assertThat(telegramPolling().webhookBind("nonsense").build().webhookBind()).isNull();
  }

  @Test
  void pollOnceWithAWebhookModeIsAnError() {
    assertThatThrownBy(
            () ->
                telegramPolling()
                    .whatsappMode(IngressMode.WEBHOOK)
                    .whatsappVerifyToken(Secret.of("v"))
                    .whatsappAppSecret(Secret.of("a"))
                    .pollOnce(true)
                    .build())
        .hasMessageContaining("--multi-channel-live-connectors-poll-once cannot be combined");
  }

  @Test
  void webhookModesRequireTheirSecrets() {
    assertThatThrownBy(() -> ConnectorsConfig.builder().telegramMode(IngressMode.WEBHOOK).build())
        .hasMessageContaining("--multi-channel-telegram-webhook-secret");
    assertThatThrownBy(
            () ->
                ConnectorsConfig.builder()
                    .whatsappMode(IngressMode.WEBHOOK)
                    .whatsappVerifyToken(Secret.of("v"))
                    .build())
        .hasMessageContaining("--multi-channel-whatsapp-webhook-app-secret");
  }

  @Test
  void apiBasesMustBeHttpsUnlessLoopback() {
    assertThatThrownBy(() -> telegramPolling().telegramApiBase("http://example.com").build())
        .hasMessageContaining("--multi-channel-telegram-api-base must use https");
    assertThatThrownBy(() -> telegramPolling().telegramApiBase(" ").build())
        .hasMessageContaining("--multi-channel-telegram-api-base must not be blank");
    assertThat(telegramPolling().telegramApiBase("http://127.0.0.1:9/").build().telegramApiBase())
        .hasToString("http://127.0.0.1:9");
  }

  @Test
  void toStringNeverShowsSecrets() {
    ConnectorsConfig config =
        telegramPolling().discordBotToken(Secret.of("discord-secret-value")).build();
    assertThat(config.toString()).doesNotContain("123:abc").doesNotContain("discord-secret-value");
  }
}
