package dev.tau.channels.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.channels.Attachment;
import dev.tau.channels.EventKind;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import dev.tau.channels.access.AccessReason;
import dev.tau.channels.commands.OperatorFacts.CheckStatus;
import dev.tau.channels.commands.OperatorFacts.CredentialPresence;
import dev.tau.channels.commands.OperatorFacts.DoctorCheck;
import dev.tau.channels.outbound.DeliveryOutcome;
import dev.tau.channels.outbound.OutboundDispatcher;
import dev.tau.channels.outbound.OutboundMode;
import dev.tau.channels.runtime.MultiChannelRunner;
import dev.tau.channels.runtime.ReplyGenerator;
import dev.tau.channels.runtime.RunnerSettings;
import dev.tau.channels.runtime.TauCommandHook.CommandOutcome;
import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class TauCommandsTest {
  @TempDir Path tau;

  private static final String SECRET = "sk-test-0123456789abcdef";
  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1_770_000_000_000L), ZoneOffset.UTC);
  private final List<Boolean> onlineRequests = new ArrayList<>();

  /** A host whose doctor check leaks a key into its detail, to prove the redaction. */
  private final OperatorFacts facts =
      new OperatorFacts() {
        @Override
        public List<CredentialPresence> providerCredentials() {
          return List.of(
              new CredentialPresence("openai", true, "env OPENAI_API_KEY"),
              new CredentialPresence("anthropic", false, "set ANTHROPIC_API_KEY"),
              new CredentialPresence("google", false, "set GEMINI_API_KEY or GOOGLE_API_KEY"));
        }

        @Override
        public List<DoctorCheck> doctorChecks(boolean online) {
          onlineRequests.add(online);
          return List.of(
              new DoctorCheck("provider", CheckStatus.OK, "openai/gpt-4o, key " + SECRET),
              new DoctorCheck("mcp", CheckStatus.OK, "MCP servers: configured=2, enabled=1"));
        }

        @Override
        public String redact(String text) {
          return text.replace(SECRET, "(redacted)");
        }
      };

  private Path stateDir() {
    return tau.resolve("multi-channel");
  }

  private TauCommands commands() {
    return new TauCommands(stateDir(), facts, clock);
  }

  private static InboundEvent telegram(String id, String actor, String text) {
    return new InboundEvent(
        1,
        Transport.TELEGRAM,
        EventKind.fromText(text),
        id,
        "chat-100",
        "",
        actor,
        "",
        1000,
        text,
        List.<Attachment>of(),
        Map.of());
  }

  private CommandOutcome run(String line, AccessReason scope) {
    return commands().handle(telegram("1", "user-7", "/tau " + line), line, scope);
  }

  @Test
  void helpListsTheGrammarWithTheFooter() {
    CommandOutcome o = run("help", AccessReason.ALLOW_PERMISSIVE_MODE);

    assertThat(o.command()).isEqualTo("help");
    assertThat(o.status()).isEqualTo("reported");
    assertThat(o.reasonCode()).isEqualTo("command_help_reported");
    assertThat(o.response())
        .contains("/tau status", "/tau auth status [openai|anthropic|google]", "/tau doctor")
        .endsWith(
            "Tau command `/tau help` | status `reported` | reason_code `command_help_reported`");
  }

  @Test
  void statusReportsHealthQueueAndCountersFromStateJson() throws Exception {
    Files.createDirectories(stateDir());
    var state = Json.object();
    state.put("schema_version", 1);
    state.putArray("processed_event_keys").add("telegram:1").add("discord:2");
    var health = state.putObject("health");
    health.put("updated_unix_ms", 5);
    health.put("queue_depth", 3);
    health.put("failure_streak", 1);
    var t = state.putObject("telemetry");
    t.put("typing_events_emitted", 4);
    t.put("presence_events_emitted", 4);
    t.put("usage_summary_records", 2);
    t.put("usage_response_chars", 171);
    t.put("usage_chunks", 2);
    t.put("usage_estimated_cost_micros", 9);
    var policy = state.putObject("telemetry_policy");
    policy.put("typing_presence_enabled", true);
    policy.put("usage_summary_enabled", true);
    policy.put("include_identifiers", false);
    policy.put("typing_presence_min_response_chars", 120);
    Files.writeString(stateDir().resolve("state.json"), Json.write(state));

    CommandOutcome o = run("status", AccessReason.ALLOW_PERMISSIVE_MODE);

    assertThat(o.reasonCode()).isEqualTo("command_status_reported");
    assertThat(o.response())
        .contains(
            "multi-channel status: health_state=degraded health_reason=",
            " failure_streak=1 queue_depth=3 processed_event_keys=2 typing_events=4"
                + " presence_events=4 usage_records=2 usage_chars=171 usage_chunks=2"
                + " usage_cost_micros=9",
            "telemetry_policy: typing_presence_enabled=true usage_summary_enabled=true"
                + " include_identifiers=false typing_presence_min_response_chars=120")
        .endsWith(
            "Tau command `/tau status` | status `reported` | reason_code `command_status_reported`");
  }

  @Test
  void statusBeforeTheFirstCycleSaysSo() {
    CommandOutcome o = run("status", AccessReason.ALLOW_PAIRING);

    assertThat(o.status()).isEqualTo("reported");
    assertThat(o.response())
        .contains("health_state=healthy", "processed_event_keys=0", "no cycle has completed yet");
  }

  @Test
  void authStatusReportsPresenceAndSourceForAllowlistedOperators() {
    CommandOutcome o = run("auth status", AccessReason.ALLOW_ALLOWLIST);

    assertThat(o.command()).isEqualTo("auth status");
    assertThat(o.reasonCode()).isEqualTo("command_auth_status_reported");
    assertThat(o.response())
        .contains(
            "openai: present (env OPENAI_API_KEY)",
            "anthropic: missing (set ANTHROPIC_API_KEY)",
            "google: missing");
  }

  @Test
  void authStatusCanNameOneProvider() {
    CommandOutcome o = run("auth status Anthropic", AccessReason.ALLOW_ALLOWLIST_AND_PAIRING);

    assertThat(o.command()).isEqualTo("auth status anthropic");
    assertThat(o.response()).contains("anthropic: missing").doesNotContain("openai:");
  }

  @Test
  void authStatusFailsWhenTheHostCannotAnswer() {
    OperatorFacts broken =
        new OperatorFacts() {
          @Override
          public List<CredentialPresence> providerCredentials() {
            throw new IllegalStateException("profile unreadable");
          }

          @Override
          public List<DoctorCheck> doctorChecks(boolean online) {
            return List.of();
          }
        };
    CommandOutcome o =
        new TauCommands(stateDir(), broken, clock)
            .handle(
                telegram("1", "u", "/tau auth status"),
                "auth status",
                AccessReason.ALLOW_ALLOWLIST);

    assertThat(o.status()).isEqualTo("failed");
    assertThat(o.reasonCode()).isEqualTo("command_auth_status_failed");
    assertThat(o.response()).startsWith("auth error:");
  }

  @Test
  void operatorCommandsNeedAllowlistedScope() {
    for (AccessReason scope :
        new AccessReason[] {
          AccessReason.ALLOW_PAIRING,
          AccessReason.ALLOW_PERMISSIVE_MODE,
          AccessReason.ALLOW_CHANNEL_POLICY_ALLOW_FROM_ANY,
          AccessReason.ALLOW_SIGNED_ENVELOPE_VERIFIED,
          null
        }) {
      for (String line :
          List.of("doctor", "doctor --online", "auth status", "auth status google")) {
        CommandOutcome o = run(line, scope);
        assertThat(o.status()).as(line + " " + scope).isEqualTo("failed");
        assertThat(o.reasonCode()).as(line + " " + scope).isEqualTo("command_rbac_denied");
        assertThat(o.response())
            .startsWith("command denied: this `/tau` command requires allowlisted operator scope.")
            .doesNotContain("present", "tau doctor:");
      }
    }
    assertThat(onlineRequests).isEmpty();
  }

  @Test
  void doctorReportsRunnerAndHostChecksWithoutSecrets() throws Exception {
    Files.createDirectories(stateDir());

    CommandOutcome o = run("doctor", AccessReason.ALLOW_ALLOWLIST);

    assertThat(o.status()).isEqualTo("reported");
    assertThat(o.reasonCode()).isEqualTo("command_doctor_reported");
    assertThat(o.response())
        .startsWith("tau doctor: ")
        .contains(
            "ok state dir: writable",
            "warn runner state: no cycle has completed yet",
            "warn channel policy: missing",
            "ok access files:",
            "ok route bindings: 0 binding(s)",
            "ok provider: openai/gpt-4o, key (redacted)",
            "ok mcp: MCP servers: configured=2, enabled=1")
        .doesNotContain(SECRET)
        .doesNotContain(tau.toString())
        .endsWith(
            "Tau command `/tau doctor` | status `reported` | reason_code `command_doctor_reported`");
    assertThat(onlineRequests).containsExactly(false);
  }

  @Test
  void doctorOnlineAsksTheHostForOnlineChecks() {
    CommandOutcome o = run("doctor --online", AccessReason.ALLOW_ALLOWLIST);

    assertThat(o.command()).isEqualTo("doctor --online");
    assertThat(onlineRequests).containsExactly(true);
  }

  @Test
  void doctorReportsABrokenPolicyFileAsAFailure() throws Exception {
    Files.createDirectories(tau.resolve("security"));
    Files.writeString(tau.resolve("security/channel-policy.json"), "{not json");

    CommandOutcome o = run("doctor", AccessReason.ALLOW_ALLOWLIST);

    assertThat(o.response())
        .contains("fail channel policy: parse_error:")
        .doesNotContain(tau.toString());
  }

  @Test
  void unknownCommandsAndBadArgumentsFailWithTheUsage() {
    record Case(String line, String reason) {}
    for (Case c :
        List.of(
            new Case("frobnicate", "command_unknown"),
            new Case("skip", "command_unknown"),
            new Case("help me", "command_invalid_args"),
            new Case("status now", "command_invalid_args"),
            new Case("auth", "command_invalid_args"),
            new Case("auth login", "command_invalid_args"),
            new Case("auth status openai extra", "command_invalid_args"),
            new Case("auth status azure", "command_invalid_args"),
            new Case("doctor --offline", "command_invalid_args"))) {
      CommandOutcome o = run(c.line(), AccessReason.ALLOW_ALLOWLIST);
      assertThat(o.command()).as(c.line()).isEqualTo("invalid");
      assertThat(o.status()).as(c.line()).isEqualTo("failed");
      assertThat(o.reasonCode()).as(c.line()).isEqualTo(c.reason());
      assertThat(o.response())
          .as(c.line())
          .startsWith("invalid `/tau` command.")
          .contains("Tau operator commands:", "/tau doctor [--online]")
          .endsWith(
              "Tau command `/tau invalid` | status `failed` | reason_code `" + c.reason() + "`");
    }
  }

  @Test
  void repliesAreBoundedEvenForHugeInput() {
    String huge = "x".repeat(10_000);
    CommandOutcome o = run(huge, AccessReason.ALLOW_ALLOWLIST);

    assertThat(o.response().length()).isLessThan(TauCommands.MAX_BODY_CHARS + 200);
    assertThat(o.response()).contains("unknown command 'xxxx").doesNotContain("x".repeat(100));
  }

  @Test
  void manyLongDoctorChecksAreCut() {
    OperatorFacts noisy =
        new OperatorFacts() {
          @Override
          public List<CredentialPresence> providerCredentials() {
            return List.of();
          }

          @Override
          public List<DoctorCheck> doctorChecks(boolean online) {
            List<DoctorCheck> many = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
              many.add(new DoctorCheck("check" + i, CheckStatus.OK, "y".repeat(1000)));
            }
            return many;
          }
        };
    CommandOutcome o =
        new TauCommands(stateDir(), noisy, clock)
            .handle(telegram("1", "u", "/tau doctor"), "doctor", AccessReason.ALLOW_ALLOWLIST);

    assertThat(o.response().length()).isLessThan(TauCommands.MAX_BODY_CHARS + 200);
    assertThat(o.response()).doesNotContain("y".repeat(TauCommands.MAX_DETAIL_CHARS + 1));
  }

  // --- through the runner: the access decision is the operator scope ---

  private void accessFiles() throws Exception {
    Files.createDirectories(tau.resolve("security"));
    var allow = Json.object();
    allow.put("schema_version", 1);
    allow.putObject("channels").putArray("telegram:chat-100").add("ops-lead");
    Files.writeString(tau.resolve("security/allowlist.json"), Json.write(allow));
    var pairings = Json.object();
    pairings.put("schema_version", 1);
    var p = pairings.putArray("pairings").addObject();
    p.put("channel", "telegram:chat-100");
    p.put("actor_id", "paired-user");
    p.put("paired_by", "operator");
    p.put("issued_unix_ms", 1_000L);
    p.putNull("expires_unix_ms");
    Files.writeString(tau.resolve("security/pairings.json"), Json.write(pairings));
  }

  private List<JsonNode> responses() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line :
        Files.readAllLines(
            stateDir().resolve("channel-store/channels/telegram/chat-100/log.jsonl"))) {
      JsonNode node = Json.parse(line);
      if (node.at("/payload/response").isString()) {
        out.add(node);
      }
    }
    return out;
  }

  @Test
  void throughTheRunnerAPairedOnlyActorIsDeniedDoctorAndAnAllowlistedOneGetsIt() throws Exception {
    accessFiles();
    List<String> prompts = new ArrayList<>();
    ReplyGenerator agent =
        (event, session, prompt) -> {
          prompts.add(prompt);
          return new ReplyGenerator.Reply.Answered("agent");
        };
    OutboundDispatcher store =
        new OutboundDispatcher() {
          @Override
          public OutboundMode mode() {
            return OutboundMode.CHANNEL_STORE;
          }

          @Override
          public DeliveryOutcome deliver(InboundEvent event, String text) {
            return DeliveryOutcome.channelStore();
          }
        };
    new MultiChannelRunner(
            stateDir(), RunnerSettings.DEFAULTS, agent, commands(), store, clock, ms -> {}, w -> {})
        .runCycle(
            List.of(
                telegram("1", "paired-user", "/tau doctor"),
                telegram("2", "ops-lead", "/tau doctor")));

    assertThat(prompts).isEmpty();
    List<JsonNode> responses = responses();
    assertThat(responses).hasSize(2);
    JsonNode paired = responses.get(0);
    assertThat(paired.at("/payload/pairing/reason_code").asString()).isEqualTo("allow_pairing");
    assertThat(paired.at("/payload/command/schema").asString())
        .isEqualTo("multi_channel_tau_command_v1");
    assertThat(paired.at("/payload/command/command").asString()).isEqualTo("doctor");
    assertThat(paired.at("/payload/command/status").asString()).isEqualTo("failed");
    assertThat(paired.at("/payload/command/reason_code").asString())
        .isEqualTo("command_rbac_denied");
    JsonNode operator = responses.get(1);
    assertThat(operator.at("/payload/command/status").asString()).isEqualTo("reported");
    assertThat(operator.at("/payload/command/reason_code").asString())
        .isEqualTo("command_doctor_reported");
    assertThat(operator.at("/payload/response").asString())
        .contains("tau doctor:", "ok access files")
        .doesNotContain(SECRET);
  }
}
