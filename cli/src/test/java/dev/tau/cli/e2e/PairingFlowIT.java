package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.testkit.channels.FakeTelegramBotApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Pairing as a flow, through {@code bin/tau} and a fake Telegram Bot API: a stranger's DM is denied
 * and answered with a pairing code by a real {@code sendMessage}; the operator approves the code;
 * the stranger's next message gets the agent's answer.
 */
class PairingFlowIT {
  private static final String TOKEN = "424242:pairing-flow-token";
  private static final String STATE = ".tau/multi-channel";

  @TempDir Path work;
  private Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    Files.createDirectories(work.resolve(".tau/security"));
    // strict: only user-7 may talk on this chat, everyone else must pair
    Files.writeString(
        work.resolve(".tau/security/allowlist.json"),
        "{\"schema_version\":1,\"strict\":true,\"channels\":{\"telegram:555\":[\"user-7\"]}}");
    Files.writeString(
        work.resolve("replies.json"),
        "{\"replies\": [{\"text\": \"Hello, you are paired now.\"}]}");
    env = TauProcess.cleanEnv(work);
    env.put("TAU_TELEGRAM_BOT_TOKEN", TOKEN);
    Files.createDirectories(work.resolve(STATE + "/live-ingress"));
  }

  private void strangerSays(long messageId, String text) throws Exception {
    String update =
        "{\"update_id\":"
            + (9000 + messageId)
            + ",\"message\":{\"message_id\":"
            + messageId
            + ",\"date\":1760100000,\"chat\":{\"id\":555,\"type\":\"private\"},"
            + "\"from\":{\"id\":\"stranger-9\",\"is_bot\":false,\"first_name\":\"Sam\"},"
            + "\"text\":"
            + Json.write(Json.mapper().getNodeFactory().stringNode(text))
            + "}}";
    Files.writeString(
        work.resolve(STATE + "/live-ingress/telegram.ndjson"),
        "{\"schema_version\":1,\"transport\":\"telegram\",\"payload\":" + update + "}\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private TauProcess.Result runner(FakeTelegramBotApi telegram) throws Exception {
    return TauProcess.run(
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
        "provider",
        "--multi-channel-outbound-ssrf-allow-http",
        "--multi-channel-outbound-ssrf-allow-private-network",
        "--multi-channel-telegram-api-base",
        telegram.baseUrl().toString());
  }

  @Test
  void aStrangerGetsACodeAndAfterApprovalGetsAnswers() throws Exception {
    try (FakeTelegramBotApi telegram = new FakeTelegramBotApi(TOKEN)) {
      strangerSays(1, "hi, who are you?");
      var first = runner(telegram);
      assertThat(first.exitCode()).as(first.stderr()).isZero();
      assertThat(first.stdout()).contains("policy_denied=1");
      List<JsonNode> sent = telegram.sentMessages();
      assertThat(sent).hasSize(1);
      String codeMessage = sent.getFirst().path("text").asString();
      assertThat(codeMessage)
          .startsWith("You are not paired with this Tau agent yet. Your pairing code is ")
          .contains("bin/tau pairing approve telegram:555 ");
      String code = codeMessage.replaceAll(".*Your pairing code is ([A-Z0-9-]{9}).*", "$1");

      var list = TauProcess.run(work, env, null, "--json", "pairing", "list");
      JsonNode pending = Json.parse(list.stdout()).get("pending");
      assertThat(pending).hasSize(1);
      assertThat(pending.get(0).get("code").asString()).isEqualTo(code);
      assertThat(pending.get(0).get("actor_id").asString()).isEqualTo("stranger-9");
      // the code is for the stranger and the operator, not for the audit log
      assertThat(
              Files.readString(
                  work.resolve(STATE + "/channel-store/channels/telegram/555/log.jsonl")))
          .doesNotContain(code)
          .doesNotContain(TOKEN);

      var wrong =
          TauProcess.run(work, env, null, "pairing", "approve", "telegram:555", "AAAA-AAAA");
      assertThat(wrong.exitCode()).isEqualTo(42);
      assertThat(wrong.stderr()).contains("no pending pairing code AAAA-AAAA on telegram:555");
      var approve =
          TauProcess.run(work, env, null, "pairing", "approve", "telegram:555", code.toLowerCase());
      assertThat(approve.exitCode()).as(approve.stderr()).isZero();
      assertThat(approve.stdout()).contains("Paired stranger-9 on telegram:555");

      strangerSays(2, "now can we talk?");
      var second = runner(telegram);
      assertThat(second.exitCode()).as(second.stderr()).isZero();
      assertThat(telegram.sentMessages()).hasSize(2);
      assertThat(telegram.sentMessages().get(1).path("text").asString())
          .isEqualTo("Hello, you are paired now.");
      assertThat(telegram.sentMessages().get(1).path("chat_id").asString()).isEqualTo("555");

      var revoke =
          TauProcess.run(work, env, null, "pairing", "revoke", "telegram:555", "stranger-9");
      assertThat(revoke.stdout()).contains("Revoked 1 pairing(s) of stranger-9 on telegram:555.");
    }
  }

  @Test
  void pairingListPrintsAStrangersNameWithoutItsControlAndBidiCharacters() throws Exception {
    long future = System.currentTimeMillis() + 3_600_000;
    Files.writeString(
        work.resolve(".tau/security/pairing-requests.json"),
        "{\"schema_version\":1,\"requests\":[{\"code\":\"ABCDEFGH\",\"channel\":\"telegram:555\","
            + "\"actor_id\":\"stranger-9\\u001b[2J\",\"actor_display\":"
            + "\"Sam\\u001b]0;owned\\u0007\\r\\nPaired actors: 0\\u202egpj.exe\",\"requested_unix_ms\":1,"
            + "\"expires_unix_ms\":"
            + future
            + "}]}");

    var list = TauProcess.run(work, env, null, "pairing", "list");

    assertThat(list.exitCode()).as(list.stderr()).isZero();
    assertThat(list.stdout())
        .contains("actor=stranger-9?[2J (Sam?]0;owned???Paired actors: 0?gpj.exe)")
        .doesNotContainPattern("[\\p{Cc}\\p{Cf}&&[^\\n]]");
    assertThat(list.stdout().lines()).hasSize(3);
  }
}
