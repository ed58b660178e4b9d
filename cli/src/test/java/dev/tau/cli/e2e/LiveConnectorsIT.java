package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.testkit.channels.FakeDiscordApi;
import dev.tau.testkit.channels.FakeTelegramBotApi;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The runbook's "Live connector runner (polling + webhook)" commands, run verbatim through {@code
 * bin/tau} against the fake Telegram and Discord APIs (the API base flags point there).
 */
class LiveConnectorsIT {
  private static final String TELEGRAM_TOKEN = "8123:it-telegram-token-secret";
  private static final String DISCORD_TOKEN = "it-discord-token-secret";
  private static final String WEBHOOK_SECRET = "it-telegram-webhook-secret";
  private static final String VERIFY_TOKEN = "it-whatsapp-verify-token";
  private static final String APP_SECRET = "it-whatsapp-app-secret";
  private static final String STATE = ".tau/multi-channel/live-connectors-state.json";
  private static final String INBOX = ".tau/multi-channel/live-ingress";

  @TempDir Path work;

  /** The runbook's polling example with its {@code <token>} placeholders filled in. */
  private static List<String> pollOnceCommand(String channelIds) {
    return new ArrayList<>(
        List.of(
            "--multi-channel-live-connectors-runner",
            "--multi-channel-live-connectors-poll-once",
            "--multi-channel-live-ingest-dir",
            ".tau/multi-channel/live-ingress",
            "--multi-channel-live-connectors-state-path",
            ".tau/multi-channel/live-connectors-state.json",
            "--multi-channel-telegram-ingress-mode",
            "polling",
            "--multi-channel-discord-ingress-mode",
            "polling",
            "--multi-channel-discord-ingress-channel-id",
            channelIds,
            "--multi-channel-telegram-bot-token",
            TELEGRAM_TOKEN,
            "--multi-channel-discord-bot-token",
            DISCORD_TOKEN));
  }

  private static final String[] STATUS_COMMAND = {
    "--multi-channel-live-connectors-status",
    "--multi-channel-live-connectors-status-json",
    "--multi-channel-live-connectors-state-path",
    ".tau/multi-channel/live-connectors-state.json"
  };

  private String everythingWritten(TauProcess.Result... results) throws Exception {
    StringBuilder all = new StringBuilder();
    for (TauProcess.Result r : results) {
      all.append(r.stdout()).append(r.stderr());
    }
    all.append(Files.readString(work.resolve(STATE)));
    try (var files = Files.list(work.resolve(INBOX))) {
      for (Path f : files.toList()) {
        all.append(Files.readString(f));
      }
    }
    return all.toString();
  }

  @Test
  void runbookPollOnceIngestsTelegramAndReportsTheUnknownDiscordChannels() throws Exception {
    try (var telegram = new FakeTelegramBotApi(TELEGRAM_TOKEN);
        var discord = new FakeDiscordApi(DISCORD_TOKEN)) {
      telegram.enqueueTextMessage(100, 7, "alice", "hello from telegram");
      Map<String, String> env = TauProcess.cleanEnv(work);
      List<String> args = pollOnceCommand("discord-room-1,discord-room-2");
      args.addAll(
          List.of(
              "--multi-channel-telegram-api-base",
              telegram.baseUrl().toString(),
              "--multi-channel-discord-api-base",
              discord.baseUrl().toString()));

      var run = TauProcess.run(work, env, null, args.toArray(String[]::new));
      var again = TauProcess.run(work, env, null, args.toArray(String[]::new));
      var status = TauProcess.run(work, env, null, STATUS_COMMAND);

      assertThat(run.exitCode()).as(run.stderr()).isZero();
      // the runbook's channel ids are not Discord snowflakes: Discord answers 404 for each
      assertThat(run.stdout().strip())
          .isEqualTo(
              "multi-channel live connectors summary: ingested_events=1 duplicate_events=0"
                  + " retries=0 auth_failures=0 parse_failures=0 provider_failures=2");
      assertThat(again.stdout()).contains("ingested_events=0 duplicate_events=0");
      assertThat(Files.readAllLines(work.resolve(INBOX).resolve("telegram.ndjson")))
          .singleElement()
          .satisfies(l -> assertThat(l).contains("hello from telegram"));
      assertThat(status.exitCode()).as(status.stderr()).isZero();
      JsonNode report = Json.parse(status.stdout());
      assertThat(report.path("state_present").asBoolean()).isTrue();
      assertThat(report.path("processed_event_count").asInt()).isEqualTo(1);
      JsonNode tg = report.path("channels").path("telegram");
      assertThat(tg.path("liveness").asString()).isEqualTo("healthy");
      assertThat(tg.path("events_ingested").asLong()).isEqualTo(1);
      JsonNode dc = report.path("channels").path("discord");
      assertThat(dc.path("liveness").asString()).isEqualTo("degraded");
      assertThat(dc.path("last_error_code").asString()).isEqualTo("provider_unavailable");
      assertThat(dc.path("guidance").asString())
          .isEqualTo("inspect_provider_errors_and_credentials");
      assertThat(everythingWritten(run, again, status))
          .doesNotContain(TELEGRAM_TOKEN)
          .doesNotContain(DISCORD_TOKEN);
    }
  }

  @Test
  void pollOnceIngestsDiscordMessagesOnceAcrossRuns() throws Exception {
    try (var telegram = new FakeTelegramBotApi(TELEGRAM_TOKEN);
        var discord = new FakeDiscordApi(DISCORD_TOKEN)) {
      discord.enqueueMessage("1300000000000000001", "42", "bob", "hi from discord");
      Map<String, String> env = TauProcess.cleanEnv(work);
      List<String> args = pollOnceCommand("1300000000000000001,1300000000000000002");
      args.addAll(
          List.of(
              "--multi-channel-telegram-api-base",
              telegram.baseUrl().toString(),
              "--multi-channel-discord-api-base",
              discord.baseUrl().toString()));

      var first = TauProcess.run(work, env, null, args.toArray(String[]::new));
      discord.enqueueMessage("1300000000000000002", "43", "carol", "second room");
      var second = TauProcess.run(work, env, null, args.toArray(String[]::new));

      assertThat(first.stdout()).contains("ingested_events=1 ").contains("provider_failures=0");
      assertThat(second.stdout()).contains("ingested_events=1 ");
      assertThat(Files.readAllLines(work.resolve(INBOX).resolve("discord.ndjson"))).hasSize(2);
      assertThat(
              discord.requests("GET", "/channels/1300000000000000001/messages").getLast().query())
          .contains("after=");
      assertThat(everythingWritten(first, second)).doesNotContain(DISCORD_TOKEN);
    }
  }

  @Test
  void invalidConnectorSettingsAreInputErrors() throws Exception {
    Map<String, String> env = TauProcess.cleanEnv(work);
    var none = TauProcess.run(work, env, null, "--multi-channel-live-connectors-runner");
    var discordWebhook =
        TauProcess.run(
            work,
            env,
            null,
            "--multi-channel-live-connectors-runner",
            "--multi-channel-discord-ingress-mode",
            "webhook");

    assertThat(none.exitCode()).isEqualTo(42);
    assertThat(none.stderr()).contains("at least one enabled mode");
    assertThat(discordWebhook.exitCode()).isEqualTo(42);
    assertThat(discordWebhook.stderr()).contains("webhook is not supported");
  }

  @Test
  void statusWithoutAStateFileSaysSo() throws Exception {
    var status = TauProcess.run(work, TauProcess.cleanEnv(work), null, STATUS_COMMAND);

    assertThat(status.exitCode()).as(status.stderr()).isZero();
    assertThat(Json.parse(status.stdout()).path("state_present").asBoolean()).isFalse();
  }

  @Test
  void runbookWebhookBridgeServesUntilSigterm() throws Exception {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(TauProcess.launcher().toString());
    command.addAll(
        List.of(
            "--multi-channel-live-connectors-runner",
            "--multi-channel-live-ingest-dir",
            ".tau/multi-channel/live-ingress",
            "--multi-channel-live-connectors-state-path",
            ".tau/multi-channel/live-connectors-state.json",
            "--multi-channel-live-webhook-bind",
            "127.0.0.1:" + port,
            "--multi-channel-telegram-ingress-mode",
            "webhook",
            "--multi-channel-whatsapp-ingress-mode",
            "webhook",
            "--multi-channel-telegram-webhook-secret",
            WEBHOOK_SECRET,
            "--multi-channel-whatsapp-webhook-verify-token",
            VERIFY_TOKEN,
            "--multi-channel-whatsapp-webhook-app-secret",
            APP_SECRET));
    Path out = work.resolve("bridge.out");
    Path err = work.resolve("bridge.err");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().clear();
    pb.environment().putAll(TauProcess.cleanEnv(work));
    Process bridge = pb.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(out).contains("webhook server listening")) {
        assertThat(bridge.isAlive()).as(Files.readString(err)).isTrue();
        assertThat(System.nanoTime()).as("listening line").isLessThan(deadline);
        Thread.sleep(100);
      }
      assertThat(Files.readString(out))
          .contains(
              "multi-channel live webhook server listening: addr=127.0.0.1:"
                  + port
                  + " telegram_mode=webhook whatsapp_mode=webhook");
      HttpClient client = HttpClient.newHttpClient();
      URI base = URI.create("http://127.0.0.1:" + port);
      String update =
          Files.readString(
              TauProcess.home()
                  .resolve(
                      "crates/tau-coding-agent/testdata/multi-channel-live-ingress/raw/telegram-update.json"));
      String value =
          Files.readString(
              TauProcess.home()
                  .resolve(
                      "crates/tau-coding-agent/testdata/multi-channel-live-ingress/raw/whatsapp-message.json"));
      String notification =
          "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":"
              + value
              + "}]}]}";

      var accepted =
          client.send(
              post(base, "/webhooks/telegram", update)
                  .header("X-Telegram-Bot-Api-Secret-Token", WEBHOOK_SECRET)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      var refused =
          client.send(
              post(base, "/webhooks/telegram", update)
                  .header("X-Telegram-Bot-Api-Secret-Token", "wrong")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      var verify =
          client.send(
              HttpRequest.newBuilder(
                      base.resolve(
                          "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token="
                              + VERIFY_TOKEN
                              + "&hub.challenge=ch-123"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      var signed =
          client.send(
              post(base, "/webhooks/whatsapp", notification)
                  .header("X-Hub-Signature-256", sign(notification))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      var unsigned =
          client.send(
              post(base, "/webhooks/whatsapp", notification).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
      assertThat(accepted.body()).contains("\"event_key\":\"telegram:chat-100:42\"");
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(verify.body()).isEqualTo("ch-123");
      assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
      assertThat(unsigned.statusCode()).isEqualTo(401);

      bridge.toHandle().destroy(); // SIGTERM
      assertThat(bridge.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(bridge.exitValue()).as(Files.readString(err)).isZero();
      assertThat(Files.readString(out))
          .contains(
              "multi-channel live connectors summary: ingested_events=2 duplicate_events=0"
                  + " retries=0 auth_failures=2");
      JsonNode state = Json.parse(Files.readString(work.resolve(STATE)));
      assertThat(state.path("channels").path("whatsapp").path("events_ingested").asLong())
          .isEqualTo(1);
      assertThat(state.path("channels").path("whatsapp").path("last_error_code").asString())
          .isEqualTo("invalid_signature");
      String written =
          Files.readString(out)
              + Files.readString(err)
              + Files.readString(work.resolve(STATE))
              + Files.readString(work.resolve(INBOX).resolve("telegram.ndjson"))
              + Files.readString(work.resolve(INBOX).resolve("whatsapp.ndjson"));
      assertThat(written)
          .doesNotContain(WEBHOOK_SECRET)
          .doesNotContain(VERIFY_TOKEN)
          .doesNotContain(APP_SECRET);
    } finally {
      bridge.destroyForcibly();
    }
  }

  private static HttpRequest.Builder post(URI base, String path, String body) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static String sign(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
