package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.testkit.channels.FakeTelegramBotApi;
import dev.tau.testkit.channels.FakeWhatsAppGraphApi;
import dev.tau.testkit.channels.ScriptedFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The one-shot send (tau-spec §5.17) through {@code bin/tau} against fake platform APIs. */
class ChannelSendIT {
  private static final String TG_TOKEN = "987654:send-it-secret-token";

  @TempDir Path work;

  private static String[] providerArgs(String base, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--multi-channel-state-dir",
                ".tau/multi-channel",
                "--multi-channel-outbound-mode",
                "provider",
                "--multi-channel-outbound-ssrf-allow-http",
                "--multi-channel-outbound-ssrf-allow-private-network",
                "--multi-channel-telegram-api-base",
                base));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void sendsThroughTheProviderAndAuditsWithoutTheToken() throws Exception {
    try (FakeTelegramBotApi telegram = new FakeTelegramBotApi(TG_TOKEN)) {
      telegram.enqueueFailure(ScriptedFailure.rateLimited(1));
      Map<String, String> env = TauProcess.cleanEnv(work);
      env.put("TAU_TELEGRAM_BOT_TOKEN", TG_TOKEN);
      var run =
          TauProcess.run(
              work,
              env,
              null,
              providerArgs(
                  telegram.baseUrl().toString(),
                  "--multi-channel-send",
                  "telegram",
                  "--multi-channel-send-target",
                  "chat:-100200300",
                  "--multi-channel-send-text",
                  "  deploy finished  ",
                  "--multi-channel-send-json"));
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      JsonNode report = Json.parse(run.stdout());
      assertThat(report.get("schema").asString()).isEqualTo("multi_channel_send_report_v1");
      assertThat(report.get("status").asString()).isEqualTo("sent");
      assertThat(report.get("mode").asString()).isEqualTo("provider");
      assertThat(report.get("text_chars").asInt()).isEqualTo(15);
      assertThat(report.get("chunk_count").asInt()).isEqualTo(1);
      assertThat(report.get("state_persisted").asBoolean()).isTrue();
      assertThat(report.get("event_key").asString())
          .startsWith("multi-channel-send:telegram:-100200300:");
      JsonNode receipt = report.get("delivery_receipts").get(0);
      assertThat(receipt.get("status").asString()).isEqualTo("sent");
      assertThat(receipt.get("provider_message_id").asString()).isEqualTo("(redacted)");
      assertThat(receipt.get("endpoint").asString()).endsWith("/bot<redacted>/sendMessage");
      assertThat(telegram.sentMessages())
          .extracting(m -> m.get("text").asString())
          .containsExactly("deploy finished", "deploy finished");

      Path log = Path.of(report.get("channel_store_log_path").asString());
      String audit = Files.readString(log);
      assertThat(audit)
          .contains("multi_channel_send_audit_v1")
          .contains("\"source\":\"multi_channel_send\"");
      Path storeDir = log.getParent();
      assertThat(storeDir.resolve(report.get("audit_artifact_relative_path").asString())).exists();
      assertThat(Files.readString(storeDir.resolve("artifacts/index.jsonl")))
          .contains("\"artifact_type\":\"multi-channel-send-receipt\"")
          .contains("\"visibility\":\"operator\"");
      try (var files = Files.walk(work)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          assertThat(
                  new String(
                      Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
              .as(file.toString())
              .doesNotContain("send-it-secret");
        }
      }
      assertThat(run.stdout() + run.stderr()).doesNotContain("send-it-secret");
    }
  }

  @Test
  void aRejectedDeliveryIsReportedWithExitZero() throws Exception {
    try (FakeTelegramBotApi telegram = new FakeTelegramBotApi(TG_TOKEN)) {
      Map<String, String> env = TauProcess.cleanEnv(work);
      var run =
          TauProcess.run(
              work,
              env,
              null,
              providerArgs(
                  telegram.baseUrl().toString(),
                  "--multi-channel-telegram-bot-token",
                  "1:wrong-token-value",
                  "--multi-channel-send",
                  "telegram",
                  "--multi-channel-send-target",
                  "@ops_channel",
                  "--multi-channel-send-text",
                  "hello"));
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(run.stdout())
          .contains("status=failed")
          .contains("reason_code=delivery_request_rejected")
          .contains("http_status=401")
          .doesNotContain("wrong-token-value");
    }
  }

  @Test
  void dryRunShapesAWhatsAppSendWithThePhoneNumberIdOverride() throws Exception {
    try (FakeWhatsAppGraphApi whatsapp = new FakeWhatsAppGraphApi("wa-token", "1555")) {
      Files.writeString(work.resolve("msg.txt"), "x".repeat(1500));
      var run =
          TauProcess.run(
              work,
              TauProcess.cleanEnv(work),
              null,
              "--multi-channel-outbound-mode",
              "dry-run",
              "--multi-channel-whatsapp-api-base",
              whatsapp.baseUrl().toString(),
              "--multi-channel-send",
              "whatsapp",
              "--multi-channel-send-target",
              "phone:+15551234567@1777",
              "--multi-channel-send-text-file",
              "msg.txt",
              "--multi-channel-send-json");
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      JsonNode report = Json.parse(run.stdout());
      assertThat(report.get("chunk_count").asInt()).isEqualTo(2);
      assertThat(report.get("delivery_receipts")).hasSize(2);
      JsonNode receipt = report.get("delivery_receipts").get(0);
      assertThat(receipt.get("status").asString()).isEqualTo("dry_run");
      assertThat(receipt.get("endpoint").asString()).endsWith("/1777/messages");
      assertThat(whatsapp.requests()).isEmpty();
    }
  }

  @Test
  void badFlagsExitWithTheInputCode() throws Exception {
    Map<String, String> env = TauProcess.cleanEnv(work);
    var storeMode =
        TauProcess.run(
            work,
            env,
            null,
            "--multi-channel-send",
            "telegram",
            "--multi-channel-send-target",
            "1",
            "--multi-channel-send-text",
            "hi");
    assertThat(storeMode.exitCode()).isEqualTo(42);
    assertThat(storeMode.stderr()).contains("dry-run or provider");

    var badTarget =
        TauProcess.run(
            work,
            env,
            null,
            "--multi-channel-outbound-mode",
            "dry-run",
            "--multi-channel-send",
            "discord",
            "--multi-channel-send-target",
            "general",
            "--multi-channel-send-text",
            "hi");
    assertThat(badTarget.exitCode()).isEqualTo(42);
    assertThat(badTarget.stderr()).contains("numeric channel id");

    var tooLong =
        TauProcess.run(
            work,
            env,
            null,
            "--multi-channel-outbound-mode",
            "dry-run",
            "--multi-channel-send",
            "discord",
            "--multi-channel-send-target",
            "123",
            "--multi-channel-send-text",
            "y".repeat(16_001));
    assertThat(tooLong.exitCode()).isEqualTo(42);
    assertThat(tooLong.stderr()).contains("at most 16000");
  }
}
