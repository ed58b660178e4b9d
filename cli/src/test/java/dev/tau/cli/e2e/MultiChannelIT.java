package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The multi-channel runbook's runner commands, verbatim with {@code bin/tau}, in a fresh working
 * directory whose {@code crates/} holds the runbook's testdata: ingest, one live runner cycle with
 * the agent answering (scripted offline provider), the health, status and route reports.
 */
class MultiChannelIT {
  private static final String TESTDATA =
      "./crates/tau-coding-agent/testdata/multi-channel-live-ingress";
  private static final String STATE = ".tau/multi-channel";

  @TempDir Path work;
  private Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    Files.createSymbolicLink(work.resolve("crates"), TauProcess.home().resolve("crates"));
    Files.writeString(
        work.resolve("replies.json"),
        """
        {"replies": [
          {"match": "hello from telegram", "text": "Hi Alice, this is Tau answering on Telegram."},
          {"text": "Tau is listening."}
        ]}
        """);
    env = TauProcess.cleanEnv(work);
  }

  private TauProcess.Result tau(String... args) throws Exception {
    return TauProcess.run(work, env, null, args);
  }

  private TauProcess.Result ingest(String file, String transport, String provider)
      throws Exception {
    return tau(
        "--multi-channel-live-ingest-file",
        TESTDATA + "/raw/" + file,
        "--multi-channel-live-ingest-transport",
        transport,
        "--multi-channel-live-ingest-provider",
        provider,
        "--multi-channel-live-ingest-dir",
        ".tau/multi-channel/live-ingress");
  }

  private TauProcess.Result liveRunner() throws Exception {
    return tau(
        "--model",
        "offline/script",
        "--offline-script",
        "replies.json",
        "--multi-channel-live-runner",
        "--multi-channel-live-ingress-dir",
        ".tau/multi-channel/live-ingress",
        "--multi-channel-state-dir",
        ".tau/multi-channel");
  }

  private List<JsonNode> lines(String relative) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(work.resolve(relative))) {
      if (!line.isBlank()) {
        out.add(Json.parse(line));
      }
    }
    return out;
  }

  @Test
  void theRunbookCommandsRunVerbatimAndTheAgentAnswersTheTelegramMessage() throws Exception {
    var telegram = ingest("telegram-update.json", "telegram", "telegram-bot-api");
    assertThat(telegram.exitCode()).as(telegram.stderr()).isZero();
    assertThat(telegram.stdout())
        .startsWith(
            "multi-channel live ingest queued: transport=telegram provider=telegram-bot-api"
                + " event_id=chat-100:42 conversation_id=chat-100 ingress_file=");
    assertThat(ingest("discord-message.json", "discord", "discord-gateway").exitCode()).isZero();
    assertThat(ingest("whatsapp-message.json", "whatsapp", "whatsapp-cloud-api").exitCode())
        .isZero();

    var run = liveRunner();
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .contains("multi-channel live runner summary: discovered=3 queued=3 completed=3")
        .contains("multi-channel live runner health: state=healthy failure_streak=0 queue_depth=0");

    List<JsonNode> log = lines(STATE + "/channel-store/channels/telegram/chat-100/log.jsonl");
    JsonNode response =
        log.stream().filter(l -> l.at("/payload/response").isString()).findFirst().orElseThrow();
    assertThat(response.at("/payload/response").asString())
        .isEqualTo("Hi Alice, this is Tau answering on Telegram.");
    assertThat(response.at("/payload/route_session_key").asString()).isEqualTo("chat-100");
    assertThat(lines(STATE + "/route-traces.jsonl")).hasSize(3);

    var health =
        tau(
            "--multi-channel-state-dir",
            ".tau/multi-channel",
            "--transport-health-inspect",
            "multi-channel",
            "--transport-health-json");
    assertThat(health.exitCode()).as(health.stderr()).isZero();
    JsonNode row = Json.parse(health.stdout()).get(0);
    assertThat(row.get("transport").asString()).isEqualTo("multi-channel");
    assertThat(row.at("/health/last_cycle_completed").asInt()).isEqualTo(3);
    assertThat(row.get("health_state").asString()).isEqualTo("healthy");

    var status =
        tau(
            "--multi-channel-state-dir",
            ".tau/multi-channel",
            "--multi-channel-status-inspect",
            "--multi-channel-status-json");
    assertThat(status.exitCode()).as(status.stderr()).isZero();
    JsonNode report = Json.parse(status.stdout());
    assertThat(report.get("rollout_gate").asString()).isEqualTo("pass");
    assertThat(report.get("processed_event_count").asInt()).isEqualTo(3);
    assertThat(report.at("/telemetry/usage_summary_records").asInt()).isEqualTo(3);
    assertThat(report.at("/telemetry/policy/include_identifiers").asBoolean()).isFalse();

    var route =
        tau(
            "--multi-channel-state-dir",
            ".tau/multi-channel",
            "--multi-channel-route-inspect-file",
            TESTDATA + "/telegram-valid.json",
            "--multi-channel-route-inspect-json");
    assertThat(route.exitCode()).as(route.stderr()).isZero();
    JsonNode trace = Json.parse(route.stdout());
    assertThat(trace.get("event_key").asString()).isEqualTo("telegram:chat-100:42");
    assertThat(trace.get("session_key").asString()).isEqualTo("chat-100");

    // a second cycle answers nothing twice
    var again = liveRunner();
    // and reads only what was appended since (the inbox cursor)
    assertThat(again.stdout()).contains("discovered=0 queued=0 completed=0");
  }

  @Test
  void aStrangerIsDeniedWhenPolicyRequiresPairingAndInvalidLinesAreReported() throws Exception {
    Files.createDirectories(work.resolve(".tau/security"));
    Files.writeString(
        work.resolve(".tau/security/allowlist.json"),
        "{\"schema_version\":1,\"strict\":true,\"channels\":{\"telegram:chat-100\":[\"user-7\"]}}");
    Path inbox = Files.createDirectories(work.resolve(STATE + "/live-ingress"));
    String stranger =
        Files.readString(work.resolve(TESTDATA + "/raw/telegram-update.json"))
            .replace("\"user-7\"", "\"stranger-9\"")
            .replace("9001", "9002")
            .replace("42", "43");
    Files.writeString(
        inbox.resolve("telegram.ndjson"),
        "{\"schema_version\":1,\"transport\":\"telegram\",\"payload\":"
            + Json.write(Json.parse(stranger))
            + "}\n{\"schema_version\":1,\"transport\":\"telegram\",\"payload\":\n");

    var run = liveRunner();
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr())
        .contains("multi-channel live ingress parse failure: file=")
        .contains("reason_code=invalid_json");
    assertThat(run.stdout()).contains("policy_denied=1");
    JsonNode denied =
        lines(STATE + "/channel-store/channels/telegram/chat-100/log.jsonl").stream()
            .filter(l -> "denied".equals(l.at("/payload/status").asString("")))
            .findFirst()
            .orElseThrow();
    assertThat(denied.at("/payload/reason_code").asString())
        .isEqualTo("deny_actor_not_paired_or_allowlisted");
    assertThat(
            Files.exists(
                work.resolve(STATE + "/channel-store/channels/telegram/chat-100/context.jsonl")))
        .isTrue();
    assertThat(
            Files.readString(
                work.resolve(STATE + "/channel-store/channels/telegram/chat-100/context.jsonl")))
        .isEmpty();
    JsonNode cycle = lines(STATE + "/runtime-events.jsonl").getLast();
    assertThat(cycle.get("reason_codes").toString())
        .contains("pairing_policy_enforced", "pairing_policy_denied_events");
  }

  @Test
  void badValuesAreClearErrors() throws Exception {
    var queue = tau("--multi-channel-live-runner", "--multi-channel-queue-limit", "lots");
    assertThat(queue.exitCode()).isEqualTo(42);
    assertThat(queue.stderr())
        .contains("--multi-channel-queue-limit must be a whole number, got 'lots'");

    var target = tau("--transport-health-inspect", "carrier-pigeon");
    assertThat(target.exitCode()).isEqualTo(42);
    assertThat(target.stderr())
        .contains("'carrier-pigeon' is not supported (supported: multi-channel, deployment)");

    var missing = tau("--multi-channel-status-inspect");
    assertThat(missing.exitCode()).isEqualTo(42);
    assertThat(missing.stderr()).contains("failed to read state file").doesNotContain("Exception");

    var unknown = tau("--multi-channel-live-runnerr");
    assertThat(unknown.exitCode()).isEqualTo(2);

    var transport =
        tau(
            "--multi-channel-live-ingest-file",
            TESTDATA + "/raw/telegram-update.json",
            "--multi-channel-live-ingest-transport",
            "sms");
    assertThat(transport.exitCode()).isEqualTo(42);
    assertThat(transport.stderr()).contains("must be telegram, discord or whatsapp, got 'sms'");

    var mismatch =
        tau(
            "--multi-channel-live-ingest-file",
            TESTDATA + "/raw/telegram-update.json",
            "--multi-channel-live-ingest-transport",
            "discord");
    assertThat(mismatch.exitCode()).isEqualTo(42);
    assertThat(mismatch.stderr()).contains("multi-channel live ingest parse failure: reason_code=");
  }

  @Test
  void theDemoScriptRuns() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(TauProcess.home().resolve("scripts/demo/multi-channel.sh").toString())
            .redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.environment().put("TMPDIR", work.toString());
    Process p = pb.start();
    String output =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output)
        .contains("multi-channel live runner summary: discovered=3 queued=3 completed=3")
        .contains("Hi Alice, Tau here on Telegram.")
        .contains("multi-channel demo: ok");
  }
}
