package dev.tau.cli.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.channels.Attachment;
import dev.tau.channels.EventKind;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import dev.tau.channels.access.AccessReason;
import dev.tau.channels.commands.OperatorFacts.CheckStatus;
import dev.tau.channels.commands.OperatorFacts.CredentialPresence;
import dev.tau.channels.commands.OperatorFacts.DoctorCheck;
import dev.tau.channels.commands.TauCommands;
import dev.tau.channels.runtime.TauCommandHook.CommandOutcome;
import dev.tau.cli.ModelChoice;
import dev.tau.cli.config.CliOverrides;
import dev.tau.cli.config.SettingsResolver;
import dev.tau.cli.config.TauSettings;
import dev.tau.store.memory.InMemorySessionStore;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelOperatorFactsTest {
  @TempDir Path dir;

  private static final String OPENAI = "sk-openai-live-0123456789abcdef";
  private static final String TAU = "tau-generic-key-9876543210";
  private static final String BOT = "123456:telegram-bot-token-abcdefgh";

  private final Clock clock = Clock.systemUTC();

  private ChannelOperatorFacts facts(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("OLLAMA_HOST", "http://127.0.0.1:9");
    TauSettings settings = SettingsResolver.resolve(CliOverrides.none(), all, dir);
    return new ChannelOperatorFacts(
        settings,
        all,
        ModelChoice.resolve(settings, all),
        new InMemorySessionStore(clock),
        "dry_run",
        Duration.ofMillis(500),
        clock);
  }

  private static InboundEvent event(String text) {
    return new InboundEvent(
        1,
        Transport.TELEGRAM,
        EventKind.fromText(text),
        "1",
        "chat-100",
        "",
        "ops-lead",
        "",
        1000,
        text,
        List.<Attachment>of(),
        Map.of());
  }

  @Test
  void credentialPresenceNamesTheSourceInWiringOrder() {
    List<CredentialPresence> creds =
        facts(Map.of("OPENAI_API_KEY", OPENAI, "GOOGLE_API_KEY", "g-key-123456789"))
            .providerCredentials();

    assertThat(creds)
        .containsExactly(
            new CredentialPresence("openai", true, "env OPENAI_API_KEY"),
            new CredentialPresence("anthropic", false, "set ANTHROPIC_API_KEY"),
            new CredentialPresence("google", true, "env GOOGLE_API_KEY"));
  }

  @Test
  void theGenericKeyAndTheProfileKeyCountForEveryProvider() throws Exception {
    assertThat(facts(Map.of("TAU_API_KEY", TAU)).providerCredentials())
        .allSatisfy(c -> assertThat(c.source()).isEqualTo("env TAU_API_KEY"));

    Files.createDirectories(dir.resolve(".tau"));
    Files.writeString(
        dir.resolve(".tau/config.toml"),
        "[profiles.default]\nmodel = \"openai/gpt-4o-mini\"\napi_key = \"sk-profile-secret-123\"\n");
    assertThat(facts(Map.of()).providerCredentials())
        .allSatisfy(c -> assertThat(c.source()).isEqualTo("profile 'default' api_key"));
  }

  @Test
  void noSecretValueAppearsInAnyCommandReplyEvenWhenTheEnvironmentHoldsKeys() throws Exception {
    Files.createDirectories(dir.resolve(".tau"));
    Files.writeString(
        dir.resolve(".tau/config.toml"),
        "[profiles.default]\nmodel = \"openai/gpt-4o-mini\"\napi_key = \"sk-profile-secret-123\"\n");
    ChannelOperatorFacts facts =
        facts(
            Map.of(
                "OPENAI_API_KEY", OPENAI,
                "TAU_API_KEY", TAU,
                "TAU_TELEGRAM_BOT_TOKEN", BOT,
                "TAU_OPENAI_BASE_URL", "http://127.0.0.1:9/v1"));
    TauCommands commands = new TauCommands(dir.resolve("multi-channel"), facts, clock);

    StringBuilder all = new StringBuilder();
    for (String line :
        List.of(
            "help", "status", "auth status", "auth status openai", "doctor", "doctor --online")) {
      CommandOutcome o = commands.handle(event("/tau " + line), line, AccessReason.ALLOW_ALLOWLIST);
      assertThat(o.status()).as(line).isEqualTo("reported");
      all.append(o.response()).append('\n');
    }

    assertThat(all.toString())
        .contains("openai: present (env OPENAI_API_KEY)", "tau doctor:", "key present")
        .doesNotContain(OPENAI, TAU, BOT, "sk-profile-secret-123");
    // and the redactor catches a value a check might leak
    assertThat(facts.redact("error near " + OPENAI + " and " + BOT))
        .isEqualTo("error near (redacted) and (redacted)");
  }

  @Test
  void doctorChecksCoverConfigProviderStoreMcpAndOutbound() {
    List<DoctorCheck> checks = facts(Map.of("OPENAI_API_KEY", OPENAI)).doctorChecks(false);

    assertThat(checks)
        .extracting(DoctorCheck::name)
        .containsExactly("config", "provider", "store", "mcp", "outbound");
    assertThat(checks.get(1).detail()).contains("openai/", "key present (env OPENAI_API_KEY)");
    assertThat(checks.get(2).status()).isEqualTo(CheckStatus.OK);
    assertThat(checks.get(3).detail()).contains("MCP servers: configured=0, enabled=0");
    assertThat(checks.get(4).detail()).isEqualTo("mode dry_run");
  }

  @Test
  void aChosenProviderWithoutItsKeyFails() {
    DoctorCheck provider =
        facts(Map.of("TAU_MODEL", "anthropic/claude-sonnet-4-5")).doctorChecks(false).get(1);

    assertThat(provider.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(provider.detail()).contains("key missing: set ANTHROPIC_API_KEY");
  }

  @Test
  void theOnlineProbeConnectsToTheProviderEndpointOnly() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      List<DoctorCheck> up =
          facts(
                  Map.of(
                      "OPENAI_API_KEY",
                      OPENAI,
                      "TAU_OPENAI_BASE_URL",
                      "http://127.0.0.1:" + server.getLocalPort() + "/v1"))
              .doctorChecks(true);
      DoctorCheck probe = up.getLast();
      assertThat(probe.name()).isEqualTo("provider endpoint");
      assertThat(probe.status()).isEqualTo(CheckStatus.OK);
      assertThat(probe.detail()).startsWith("127.0.0.1:" + server.getLocalPort() + " reachable");
    }
    int closed;
    try (ServerSocket gone = new ServerSocket(0)) {
      closed = gone.getLocalPort();
    }
    DoctorCheck down =
        facts(
                Map.of(
                    "OPENAI_API_KEY",
                    OPENAI,
                    "TAU_OPENAI_BASE_URL",
                    "http://127.0.0.1:" + closed + "/v1"))
            .doctorChecks(true)
            .getLast();
    assertThat(down.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(down.detail()).contains("unreachable within 500 ms");
  }

  @Test
  void theOfflineProviderHasNothingToProbe() {
    List<DoctorCheck> checks = facts(Map.of()).doctorChecks(true);

    assertThat(checks.get(1).status()).isEqualTo(CheckStatus.WARN);
    assertThat(checks.getLast().detail()).isEqualTo("offline provider: no endpoint");
  }
}
