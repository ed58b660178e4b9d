package dev.tau.channels.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.channels.Transport;
import dev.tau.channels.secrets.ChannelSecrets;
import dev.tau.channels.secrets.ResolvedSecret;
import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelLifecycleTest {
  @TempDir Path work;
  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1_760_000_000_123L), ZoneOffset.UTC);

  private ChannelLifecycle lifecycle() {
    return new ChannelLifecycle(
        work.resolve(".tau/multi-channel"), work.resolve(".tau/multi-channel/live-ingress"), clock);
  }

  private static ResolvedSecret direct(String value) {
    return ChannelSecrets.resolve(value, "x", () -> null);
  }

  @Test
  void loginWithATokenCreatesTheIngressFileAndPersists() throws Exception {
    LifecycleReport report =
        lifecycle()
            .run(
                LifecycleAction.LOGIN,
                Transport.TELEGRAM,
                new ChannelLifecycle.Credentials(direct("123:abc-token"), null));
    assertThat(report.lifecycleStatus()).isEqualTo("initialized");
    assertThat(report.readinessStatus()).isEqualTo("pass");
    assertThat(report.reasonCodes()).containsExactly("ready");
    assertThat(report.tokenSource()).isEqualTo("cli_or_env");
    assertThat(report.phoneNumberSource()).isEqualTo("not_required");
    assertThat(Files.isRegularFile(work.resolve(".tau/multi-channel/live-ingress/telegram.ndjson")))
        .isTrue();
    var state =
        Json.parse(
            Files.readString(work.resolve(".tau/multi-channel/security/channel-lifecycle.json")));
    assertThat(state.path("channels").path("telegram").path("lifecycle_status").asString())
        .isEqualTo("initialized");
    assertThat(state.path("channels").path("telegram").path("last_login_unix_ms").asLong())
        .isEqualTo(1_760_000_000_123L);
    assertThat(Files.readString(work.resolve(".tau/multi-channel/security/channel-lifecycle.json")))
        .doesNotContain("abc-token");
    assertThat(report.toLine())
        .startsWith("multi-channel lifecycle: action=login channel=telegram probe_mode=offline")
        .contains("reason_codes=ready")
        .endsWith("updated_unix_ms=1760000000123");
  }

  @Test
  void statusNeverWritesAndReportsWhatIsMissing() {
    LifecycleReport report =
        lifecycle()
            .run(
                LifecycleAction.STATUS,
                Transport.WHATSAPP,
                new ChannelLifecycle.Credentials(direct(null), direct(null)));
    assertThat(report.lifecycleStatus()).isEqualTo("unknown");
    assertThat(report.readinessStatus()).isEqualTo("fail");
    assertThat(report.reasonCodes())
        .containsExactly(
            "missing_whatsapp_access_token", "missing_whatsapp_phone_number_id", "ingress_missing");
    assertThat(report.statePersisted()).isFalse();
    assertThat(Files.exists(work.resolve(".tau/multi-channel/security/channel-lifecycle.json")))
        .isFalse();
    assertThat(report.remediationHints()).hasSize(3);
  }

  @Test
  void probeAndLogoutPersistTheirStatus() throws Exception {
    ChannelLifecycle lifecycle = lifecycle();
    var creds = new ChannelLifecycle.Credentials(direct("discord-token-1"), null);
    lifecycle.run(LifecycleAction.LOGIN, Transport.DISCORD, creds);
    assertThat(lifecycle.run(LifecycleAction.PROBE, Transport.DISCORD, creds).lifecycleStatus())
        .isEqualTo("ready");
    LifecycleReport logout =
        lifecycle.run(
            LifecycleAction.LOGOUT,
            Transport.DISCORD,
            new ChannelLifecycle.Credentials(direct(null), null));
    assertThat(logout.lifecycleStatus()).isEqualTo("logged_out");
    assertThat(logout.reasonCodes()).containsExactly("logout_requested");
    assertThat(
            lifecycle
                .run(
                    LifecycleAction.STATUS,
                    Transport.DISCORD,
                    new ChannelLifecycle.Credentials(direct(null), null))
                .lifecycleStatus())
        .isEqualTo("logged_out");
    Files.delete(work.resolve(".tau/multi-channel/live-ingress/discord.ndjson"));
    Files.createDirectory(work.resolve(".tau/multi-channel/live-ingress/discord.ndjson"));
    assertThat(lifecycle.run(LifecycleAction.PROBE, Transport.DISCORD, creds).reasonCodes())
        .containsExactly("ingress_not_file");
  }
}
