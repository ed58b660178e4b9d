package dev.tau.channels.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.channels.Transport;
import dev.tau.channels.store.ChannelStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class OneShotSendTest {
  @TempDir Path state;

  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1_760_000_000_000L), ZoneOffset.UTC);

  @Test
  void parsesEachTransportsTargetForms() {
    assertThat(SendTarget.parse(Transport.TELEGRAM, "chat:-100123").conversationId())
        .isEqualTo("-100123");
    assertThat(SendTarget.parse(Transport.TELEGRAM, "@ops_room").conversationId())
        .isEqualTo("@ops_room");
    assertThat(SendTarget.parse(Transport.DISCORD, "channel:555").conversationId())
        .isEqualTo("555");
    SendTarget wa = SendTarget.parse(Transport.WHATSAPP, "phone:+15551234567@1777");
    assertThat(wa.recipient()).isEqualTo("+15551234567");
    assertThat(wa.phoneNumberIdOverride()).isEqualTo("1777");
    assertThatThrownBy(() -> SendTarget.parse(Transport.DISCORD, "../../users/@me"))
        .hasMessageContaining("numeric channel id");
    assertThatThrownBy(() -> SendTarget.parse(Transport.TELEGRAM, "chat:abc"))
        .hasMessageContaining("@username");
    assertThatThrownBy(() -> SendTarget.parse(Transport.WHATSAPP, "12"))
        .hasMessageContaining("phone number");
  }

  @Test
  void dryRunSendWritesTheAuditLineAndArtifactAndRedactsIdsInTheReport() {
    OutboundSettings settings = OutboundSettings.builder().mode(OutboundMode.DRY_RUN).build();
    OutboundDispatcher dispatcher = OutboundDispatchers.create(settings, null);
    OneShotSend.Result result =
        OneShotSend.run(
            SendTarget.parse(Transport.TELEGRAM, "42"), "  hi there ", dispatcher, state, clock);

    assertThat(result.failed()).isFalse();
    JsonNode report = result.report();
    assertThat(report.get("status").asString()).isEqualTo("sent");
    assertThat(report.get("text_chars").asInt()).isEqualTo(8);
    assertThat(report.get("event_key").asString())
        .isEqualTo("multi-channel-send:telegram:42:1760000000000");
    assertThat(report.get("channel_store_ref").asString()).isEqualTo("telegram/42");
    ChannelStore store = ChannelStore.open(state.resolve("channel-store"), "telegram", "42");
    JsonNode line = store.readLog().records().getFirst();
    assertThat(line.get("source").asString()).isEqualTo("multi_channel_send");
    assertThat(line.at("/payload/schema").asString()).isEqualTo("multi_channel_send_audit_v1");
    assertThat(line.at("/payload/receipts/0/status").asString()).isEqualTo("dry_run");
    assertThat(store.dir().resolve(report.get("audit_artifact_relative_path").asString())).exists();
  }

  @Test
  void refusesBlankTooLongTextAndChannelStoreMode() {
    OutboundDispatcher dryRun =
        OutboundDispatchers.create(
            OutboundSettings.builder().mode(OutboundMode.DRY_RUN).build(), null);
    SendTarget target = SendTarget.parse(Transport.DISCORD, "1");
    assertThatThrownBy(() -> OneShotSend.run(target, "  ", dryRun, state, clock))
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> OneShotSend.run(target, "😀".repeat(16_001), dryRun, state, clock))
        .hasMessageContaining("at most 16000");
    assertThat(OneShotSend.run(target, "😀".repeat(16_000), dryRun, state, clock).failed())
        .isFalse();
    OutboundDispatcher store = OutboundDispatchers.create(OutboundSettings.defaults(), null);
    assertThatThrownBy(() -> OneShotSend.run(target, "hi", store, state, clock))
        .hasMessageContaining("dry-run or provider");
  }

  @Test
  void providerMessageIdsAreShortenedInTheReport() {
    assertThat(OneShotSend.redactId("")).isEmpty();
    assertThat(OneShotSend.redactId("12345678")).isEqualTo("(redacted)");
    assertThat(OneShotSend.redactId("wamid.HBgLMTU1")).isEqualTo("wami...");
  }
}
