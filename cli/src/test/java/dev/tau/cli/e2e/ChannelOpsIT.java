package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The runbook's "Channel lifecycle operations" and "Live readiness preflight" commands verbatim
 * through {@code bin/tau}, and {@code --integration-auth} seeding channel secrets.
 */
class ChannelOpsIT {
  private static final String TOKEN = "123456:lifecycle-secret-token";

  @TempDir Path work;

  private TauProcess.Result tau(Map<String, String> env, String stdin, String... args)
      throws Exception {
    return TauProcess.run(work, env, stdin, args);
  }

  /** A lifecycle command with the runbook's state and ingress folders. */
  private TauProcess.Result lifecycle(Map<String, String> env, String... args) throws Exception {
    String[] all = new String[args.length + 4];
    all[0] = "--multi-channel-state-dir";
    all[1] = ".tau/multi-channel";
    all[2] = "--multi-channel-live-ingress-dir";
    all[3] = ".tau/multi-channel/live-ingress";
    System.arraycopy(args, 0, all, 4, args.length);
    return tau(env, null, all);
  }

  private Map<String, String> env() {
    Map<String, String> env = TauProcess.cleanEnv(work);
    env.put("TAU_CREDENTIAL_STORE_KEY", "ops-it-store-key");
    return env;
  }

  @Test
  void lifecycleCommandsRunAsTheRunbookWritesThem() throws Exception {
    Map<String, String> env = env();
    var login =
        lifecycle(
            env,
            "--multi-channel-channel-login",
            "telegram",
            "--multi-channel-telegram-bot-token",
            TOKEN,
            "--multi-channel-channel-login-json");
    assertThat(login.exitCode()).as(login.stderr()).isZero();
    JsonNode report = Json.parse(login.stdout());
    assertThat(report.get("action").asString()).isEqualTo("login");
    assertThat(report.get("lifecycle_status").asString()).isEqualTo("initialized");
    assertThat(report.get("reason_codes").get(0).asString()).isEqualTo("ready");
    assertThat(report.get("token_source").asString()).isEqualTo("cli_or_env");
    assertThat(Files.isRegularFile(work.resolve(".tau/multi-channel/live-ingress/telegram.ndjson")))
        .isTrue();

    var status =
        lifecycle(
            env,
            "--multi-channel-channel-status",
            "telegram",
            "--multi-channel-telegram-bot-token",
            TOKEN,
            "--multi-channel-channel-status-json");
    assertThat(Json.parse(status.stdout()).get("lifecycle_status").asString())
        .isEqualTo("initialized");

    var probe =
        lifecycle(
            env,
            "--multi-channel-channel-probe",
            "telegram",
            "--multi-channel-telegram-bot-token",
            TOKEN,
            "--multi-channel-channel-probe-json");
    assertThat(Json.parse(probe.stdout()).get("lifecycle_status").asString()).isEqualTo("ready");

    try (var telegram = new dev.tau.testkit.channels.FakeTelegramBotApi(TOKEN)) {
      var online =
          lifecycle(
              env,
              "--multi-channel-channel-probe",
              "telegram",
              "--multi-channel-channel-probe-online",
              "--multi-channel-telegram-api-base",
              telegram.baseUrl().toString(),
              "--multi-channel-telegram-bot-token",
              TOKEN,
              "--multi-channel-channel-probe-json");
      assertThat(online.exitCode()).as(online.stderr()).isZero();
      JsonNode onlineReport = Json.parse(online.stdout());
      assertThat(onlineReport.get("probe_mode").asString()).isEqualTo("online");
      assertThat(onlineReport.get("online_probe_status").asString()).isEqualTo("pass");
      assertThat(onlineReport.get("online_probe_reason_codes").get(0).asString())
          .isEqualTo("probe_online_ready");
      assertThat(online.stdout() + online.stderr()).doesNotContain(TOKEN);
    }

    var logout =
        lifecycle(
            env,
            "--multi-channel-channel-logout",
            "telegram",
            "--multi-channel-channel-logout-json");
    assertThat(Json.parse(logout.stdout()).get("reason_codes").get(0).asString())
        .isEqualTo("logout_requested");

    var text = lifecycle(env, "--multi-channel-channel-status", "discord");
    assertThat(text.exitCode()).isZero();
    assertThat(text.stdout())
        .startsWith("multi-channel lifecycle: action=status channel=discord")
        .contains("readiness_status=fail reason_codes=missing_discord_bot_token,ingress_missing");

    String state =
        Files.readString(work.resolve(".tau/multi-channel/security/channel-lifecycle.json"));
    for (String out : new String[] {login.stdout(), status.stdout(), probe.stdout(), state}) {
      assertThat(out).doesNotContain(TOKEN);
    }
  }

  @Test
  void preflightFailsClosedThenPassesWithSeededSecrets() throws Exception {
    Map<String, String> env = env();
    var failing = tau(env, null, "--multi-channel-live-readiness-preflight");
    assertThat(failing.exitCode()).isEqualTo(1);
    assertThat(failing.stdout())
        .startsWith("multi-channel live readiness summary: checks=7")
        .contains("gate=fail")
        .contains(
            "multi-channel live readiness check: key=multi_channel_live.channel.telegram"
                + " status=fail code=missing_prerequisites");
    assertThat(failing.stderr())
        .contains("multi-channel live readiness gate: status=fail fail=4 reason_codes=");

    // seed secrets the way the runbook shows, the secret read from stdin rather than argv
    for (String[] secret :
        new String[][] {
          {"telegram-bot-token", "tg-secret-1"},
          {"discord-bot-token", "dc-secret-1"},
          {"whatsapp-access-token", "wa-secret-1"},
          {"whatsapp-phone-number-id", "15550001"}
        }) {
      var set =
          tau(
              env,
              secret[1] + "\n",
              "--integration-auth",
              "/integration-auth set " + secret[0] + " - --json");
      assertThat(set.exitCode()).as(set.stderr()).isZero();
      JsonNode saved = Json.parse(set.stdout());
      assertThat(saved.get("command").asString()).isEqualTo("integration_auth.set");
      assertThat(saved.get("status").asString()).isEqualTo("saved");
      assertThat(set.stdout()).doesNotContain(secret[1]);
    }
    assertThat(Files.readString(work.resolve(".tau/credentials.json")))
        .doesNotContain("tg-secret-1")
        .contains("enc:v2:");
    Path ingress = work.resolve(".tau/multi-channel/live-ingress");
    Files.createDirectories(ingress);
    for (String t : new String[] {"telegram", "discord", "whatsapp"}) {
      Files.writeString(ingress.resolve(t + ".ndjson"), "");
    }
    var passing =
        tau(
            env,
            null,
            "--multi-channel-live-readiness-preflight",
            "--multi-channel-live-readiness-json");
    assertThat(passing.exitCode()).as(passing.stdout() + passing.stderr()).isZero();
    JsonNode summary = Json.parse(passing.stdout()).get("summary");
    assertThat(summary.get("gate").asString()).isEqualTo("pass");
    assertThat(summary.get("warn").asInt()).isEqualTo(2); // no channel policy file yet

    var status = tau(env, null, "--integration-auth", "status --json");
    assertThat(Json.parse(status.stdout()).get("integrations")).hasSize(4);
    var list = tau(env, null, "--integration-auth", "list --json");
    assertThat(Json.parse(list.stdout()).get("integrations")).hasSize(4);
    var get = tau(env, null, "--integration-auth", "get telegram-bot-token");
    assertThat(get.stdout())
        .contains("integration_id=telegram-bot-token available=true state=ready")
        .doesNotContain("tg-secret-1");
    var wrongKey = new java.util.HashMap<>(env);
    wrongKey.put("TAU_CREDENTIAL_STORE_KEY", "a-different-key");
    var unreadable = tau(wrongKey, null, "--integration-auth", "status telegram-bot-token");
    assertThat(unreadable.stdout()).contains("state=unreadable");
    // doctor reports each channel secret's presence and source, never its value
    var doctorEnv = new java.util.HashMap<>(env);
    doctorEnv.put("TAU_TELEGRAM_BOT_TOKEN", "tg-from-env-77");
    var doctor = tau(doctorEnv, null, "--json", "doctor");
    JsonNode checks = Json.parse(doctor.stdout()).get("checks");
    assertThat(doctor.stdout()).doesNotContain("tg-from-env-77").doesNotContain("dc-secret-1");
    assertThat(checks)
        .anySatisfy(
            c -> {
              assertThat(c.get("name").asString()).isEqualTo("channel telegram");
              assertThat(c.get("detail").asString())
                  .isEqualTo("telegram-bot-token present (TAU_TELEGRAM_BOT_TOKEN)");
            })
        .anySatisfy(
            c -> {
              assertThat(c.get("name").asString()).isEqualTo("channel discord");
              assertThat(c.get("detail").asString())
                  .isEqualTo("discord-bot-token present (credential store)");
            });
    var doctorWrongKey = tau(wrongKey, null, "--json", "doctor");
    assertThat(doctorWrongKey.exitCode()).isEqualTo(3);
    assertThat(Json.parse(doctorWrongKey.stdout()).get("checks"))
        .anySatisfy(
            c -> {
              assertThat(c.get("name").asString()).isEqualTo("credential store");
              assertThat(c.get("status").asString()).isEqualTo("fail");
              assertThat(c.get("detail").asString()).contains("stored secrets do not decrypt");
            })
        .anySatisfy(
            c -> {
              assertThat(c.get("name").asString()).isEqualTo("channel discord");
              assertThat(c.get("status").asString()).isEqualTo("warn");
            });
    var bad = tau(env, null, "--integration-auth", "set BAD!id x");
    assertThat(bad.exitCode()).isEqualTo(42);
    assertThat(bad.stderr())
        .contains(
            "integration auth set error: integration_id='BAD!…' (6 chars) error=integration"
                + " credential id 'BAD!…' (6 chars)");
  }

  @Test
  void aTokenGivenInTheIdsPlaceNeverReachesTheOutput() throws Exception {
    String token = "7234567890:AAHf9-token-shaped-secret-Zx12";
    for (String args :
        new String[] {
          "set " + token + " telegram-bot-token",
          "set " + token + " telegram-bot-token --json",
          "rotate " + token + " telegram-bot-token",
          "revoke " + token,
          "status " + token,
          token + " set telegram-bot-token"
        }) {
      var swapped = tau(env(), null, "--integration-auth", args);
      assertThat(swapped.exitCode()).as(args).isNotZero();
      assertThat(swapped.stdout() + swapped.stderr())
          .as(args)
          .doesNotContain(token)
          .doesNotContain("AAHf9");
    }
    var plain = tau(env(), null, "--integration-auth", "set " + token + " telegram-bot-token");
    assertThat(plain.stderr()).contains("integration_id='7234…' (" + token.length() + " chars)");
  }
}
