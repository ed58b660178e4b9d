package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The native {@code /tau} commands through {@code bin/tau}: Telegram envelopes in the live inbox,
 * one runner cycle in dry-run outbound mode, and the channel store's outbound lines carry the
 * command metadata and the footed reply; the agent is never asked and no key leaks.
 */
class TauCommandsIT {
  private static final String STATE = ".tau/multi-channel";
  private static final String OPENAI_KEY = "sk-e2e-never-shown-0123456789";

  @TempDir Path work;

  private static String envelope(long messageId, String from, String text) {
    return "{\"schema_version\":1,\"transport\":\"telegram\",\"payload\":{\"update_id\":"
        + (7000 + messageId)
        + ",\"message\":{\"message_id\":"
        + messageId
        + ",\"date\":"
        + (1760100000 + messageId)
        + ",\"chat\":{\"id\":555,\"type\":\"private\"},\"from\":{\"id\":\""
        + from
        + "\",\"is_bot\":false,\"first_name\":\"Ops\"},\"text\":\""
        + text
        + "\"}}}\n";
  }

  @Test
  void tauStatusAndDoctorAreAnsweredByTheCommandSurfaceWithMetadataAndFooter() throws Exception {
    Files.createDirectories(work.resolve(".tau/security"));
    Files.writeString(
        work.resolve(".tau/security/allowlist.json"),
        "{\"schema_version\":1,\"channels\":{\"telegram:555\":[\"ops-lead\"]}}");
    Files.writeString(
        work.resolve(".tau/security/pairings.json"),
        "{\"schema_version\":1,\"pairings\":[{\"channel\":\"telegram:555\",\"actor_id\":"
            + "\"paired-user\",\"paired_by\":\"operator\",\"issued_unix_ms\":1000,"
            + "\"expires_unix_ms\":null}]}");
    Files.writeString(work.resolve("replies.json"), "{\"replies\": [{\"text\": \"agent\"}]}");
    Files.createDirectories(work.resolve(STATE + "/live-ingress"));
    Files.writeString(
        work.resolve(STATE + "/live-ingress/telegram.ndjson"),
        envelope(1, "ops-lead", "/tau status")
            + envelope(2, "ops-lead", "/tau doctor")
            + envelope(3, "paired-user", "/tau auth status"));
    Map<String, String> env = TauProcess.cleanEnv(work);
    env.put("OPENAI_API_KEY", OPENAI_KEY);

    var run =
        TauProcess.run(
            work,
            env,
            null,
            "--model",
            "offline/script",
            "--offline-script",
            "replies.json",
            "--multi-channel-live-runner",
            "--multi-channel-live-ingress-dir",
            STATE + "/live-ingress",
            "--multi-channel-state-dir",
            STATE,
            "--multi-channel-outbound-mode",
            "dry-run");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains("completed=3");
    Path logFile = work.resolve(STATE + "/channel-store/channels/telegram/555/log.jsonl");
    String log = Files.readString(logFile);
    assertThat(log).doesNotContain(OPENAI_KEY);
    List<JsonNode> responses = new ArrayList<>();
    for (String line : Files.readAllLines(logFile)) {
      JsonNode node = Json.parse(line);
      if ("outbound".equals(node.path("direction").asString())
          && node.at("/payload/response").isString()) {
        responses.add(node);
      }
    }
    assertThat(responses).hasSize(3);

    JsonNode status = responses.get(0);
    assertThat(status.path("event_key").asString()).isEqualTo("telegram:555:1");
    assertThat(status.at("/payload/command/schema").asString())
        .isEqualTo("multi_channel_tau_command_v1");
    assertThat(status.at("/payload/command/command").asString()).isEqualTo("status");
    assertThat(status.at("/payload/command/status").asString()).isEqualTo("reported");
    assertThat(status.at("/payload/command/reason_code").asString())
        .isEqualTo("command_status_reported");
    assertThat(status.at("/payload/response").asString())
        .startsWith("multi-channel status: health_state=")
        .endsWith(
            "Tau command `/tau status` | status `reported` | reason_code"
                + " `command_status_reported`");
    assertThat(status.at("/payload/delivery/mode").asString()).isEqualTo("dry_run");
    assertThat(status.at("/payload/delivery/receipts/0/status").asString()).isEqualTo("dry_run");

    JsonNode doctor = responses.get(1);
    assertThat(doctor.at("/payload/command/reason_code").asString())
        .isEqualTo("command_doctor_reported");
    assertThat(doctor.at("/payload/response").asString())
        .contains(
            "tau doctor:",
            "ok state dir",
            "ok provider: offline provider (offline/script [flag])",
            "mode dry_run");

    JsonNode denied = responses.get(2);
    assertThat(denied.at("/payload/command/command").asString()).isEqualTo("auth status");
    assertThat(denied.at("/payload/command/status").asString()).isEqualTo("failed");
    assertThat(denied.at("/payload/command/reason_code").asString())
        .isEqualTo("command_rbac_denied");
    assertThat(denied.at("/payload/response").asString())
        .startsWith("command denied: this `/tau` command requires allowlisted operator scope.");

    // the agent was never asked: no context line holds its scripted answer
    assertThat(
            Files.readString(
                work.resolve(STATE + "/channel-store/channels/telegram/555/context.jsonl")))
        .doesNotContain("\"agent\"");
  }
}
