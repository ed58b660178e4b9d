package dev.tau.channels.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.channels.secrets.CredentialStore;
import dev.tau.channels.secrets.StoreEncryption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveReadinessPreflightTest {
  @TempDir Path work;

  private Path ingress() {
    return work.resolve(".tau/multi-channel/live-ingress");
  }

  private Path storePath() {
    return work.resolve(".tau/credentials.json");
  }

  private CredentialStore store() {
    return CredentialStore.open(
        storePath(), StoreEncryption.KEYED, "preflight-key-1", Map.of(), Clock.systemUTC());
  }

  @Test
  void nothingConfiguredFailsClosedWithKeyCodeReasons() {
    var report = LiveReadinessPreflight.run(ingress(), storePath(), Map.of(), this::store);
    assertThat(report.passed()).isFalse();
    assertThat(report.reasonCodes())
        .containsExactly(
            "multi_channel_live.ingress_dir:missing",
            "multi_channel_live.channel.telegram:missing_prerequisites",
            "multi_channel_live.channel.discord:missing_prerequisites",
            "multi_channel_live.channel.whatsapp:missing_prerequisites");
    assertThat(report.toLines().getFirst())
        .isEqualTo(
            "multi-channel live readiness summary: checks=7 pass=0 warn=3 fail=4 gate=fail"
                + " reason_codes=multi_channel_live.ingress_dir:missing,"
                + "multi_channel_live.channel.telegram:missing_prerequisites,"
                + "multi_channel_live.channel.discord:missing_prerequisites,"
                + "multi_channel_live.channel.whatsapp:missing_prerequisites");
    assertThat(report.gateLine())
        .startsWith("multi-channel live readiness gate: status=fail fail=4 reason_codes=");
  }

  @Test
  void envAndStoreSecretsWithInboxesAndASafePolicyPass() throws Exception {
    Files.createDirectories(ingress());
    for (String t : new String[] {"telegram", "discord", "whatsapp"}) {
      Files.writeString(ingress().resolve(t + ".ndjson"), "");
    }
    Files.createDirectories(work.resolve(".tau/security"));
    Files.writeString(
        work.resolve(".tau/security/channel-policy.json"),
        "{\"schema_version\":1,\"strictMode\":true,\"defaultPolicy\":{\"dmPolicy\":\"allow\","
            + "\"allowFrom\":\"allowlist_or_pairing\",\"groupPolicy\":\"allow\","
            + "\"requireMention\":false}}");
    store().set("discord-bot-token", "d-token-123");
    store().set("whatsapp-access-token", "w-token-123");
    store().set("whatsapp-phone-number-id", "15550001");
    var report =
        LiveReadinessPreflight.run(
            ingress(), storePath(), Map.of("TAU_TELEGRAM_BOT_TOKEN", "t-token-1"), this::store);
    assertThat(report.passed()).as(report.toLines().toString()).isTrue();
    assertThat(report.count(dev.tau.channels.access.ChannelPolicyReadiness.Status.PASS))
        .isEqualTo(7);
    assertThat(report.toJson().toString()).doesNotContain("token-1").doesNotContain("15550001");
  }

  @Test
  void strictModeMakesAnOpenDmPolicyFailTheGate() throws Exception {
    Files.createDirectories(ingress());
    Files.createDirectories(work.resolve(".tau/security"));
    Files.writeString(
        work.resolve(".tau/security/channel-policy.json"),
        "{\"schema_version\":1,\"strictMode\":true,\"defaultPolicy\":{\"dmPolicy\":\"allow\","
            + "\"allowFrom\":\"any\",\"groupPolicy\":\"allow\",\"requireMention\":false}}");
    var report = LiveReadinessPreflight.run(ingress(), storePath(), Map.of(), this::store);
    assertThat(report.reasonCodes())
        .contains("multi_channel_live.channel_policy.risk:unsafe_open_dm_fail");
  }
}
