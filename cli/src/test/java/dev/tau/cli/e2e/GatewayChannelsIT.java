package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.testkit.channels.FakeDiscordApi;
import dev.tau.testkit.channels.FakeTelegramBotApi;
import dev.tau.testkit.channels.FakeWhatsAppGraphApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * One {@code bin/tau} gateway process hosting the multi-channel transport ({@code
 * --gateway-multi-channel}): platform webhooks on the gateway's own port, Discord polling, the live
 * runner answering through the scripted offline provider, and real deliveries to the fake platform
 * APIs; {@code /gateway/status} shows the transport; SIGTERM stops it all.
 */
class GatewayChannelsIT {
  private static final String TELEGRAM_TOKEN = "777001:gateway-channels-token";
  private static final String TELEGRAM_SECRET = "tg-webhook-secret-123";
  private static final String DISCORD_TOKEN = "gateway-discord-token";
  private static final String WHATSAPP_TOKEN = "gateway-whatsapp-token";
  private static final String WHATSAPP_APP_SECRET = "wa-app-secret-456";
  private static final String STATE = "mc-state";

  @TempDir Path work;
  private Map<String, String> env;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    Files.writeString(
        work.resolve("replies.json"), "{\"replies\": [{\"text\": \"Hello from the gateway.\"}]}");
    env = TauProcess.cleanEnv(work);
    port = GatewayProcessIT.freePort();
  }

  private Process gateway(List<String> channelArgs) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--model",
                "offline/script",
                "--offline-script",
                "replies.json",
                "--gateway-openresponses-server",
                "--gateway-openresponses-bind",
                "127.0.0.1:" + port,
                "--gateway-multi-channel",
                "--multi-channel-state-dir",
                STATE,
                "--multi-channel-live-ingress-dir",
                STATE + "/inbox",
                "--multi-channel-live-connectors-state-path",
                STATE + "/connectors.json",
                "--multi-channel-outbound-mode",
                "provider",
                "--multi-channel-outbound-ssrf-allow-http",
                "--multi-channel-outbound-ssrf-allow-private-network"));
    args.addAll(channelArgs);
    Process process = GatewayProcessIT.start(work, env, args);
    GatewayProcessIT.awaitUp(port, process, work);
    return process;
  }

  private String stop(Process process) throws Exception {
    process.toHandle().destroy(); // SIGTERM
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits after the drain").isTrue();
    assertThat(process.exitValue()).isZero();
    return Files.readString(work.resolve("gateway.out"), StandardCharsets.UTF_8)
        + Files.readString(work.resolve("gateway.err"), StandardCharsets.UTF_8);
  }

  private HttpResponse<String> post(String path, Map<String, String> headers, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void await(String what, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private JsonNode status() throws Exception {
    var response = GatewayProcessIT.get(port, "/gateway/status", null);
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.parse(response.body()).path("multi_channel");
  }

  @Test
  void aTelegramWebhookUpdateIsAnsweredBySendMessageAndAWrongSecretIngestsNothing()
      throws Exception {
    try (FakeTelegramBotApi telegram = new FakeTelegramBotApi(TELEGRAM_TOKEN)) {
      env.put("TAU_TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN);
      Process process =
          gateway(
              List.of(
                  "--multi-channel-telegram-ingress-mode",
                  "webhook",
                  "--multi-channel-telegram-webhook-secret",
                  TELEGRAM_SECRET,
                  "--multi-channel-telegram-api-base",
                  telegram.baseUrl().toString()));
      String output;
      try {
        String update =
            "{\"update_id\":5001,\"message\":{\"message_id\":71,\"date\":1760100000,"
                + "\"chat\":{\"id\":555,\"type\":\"private\"},"
                + "\"from\":{\"id\":42,\"is_bot\":false,\"username\":\"alice\"},"
                + "\"text\":\"hello gateway\"}}";
        var wrong =
            post(
                "/webhooks/telegram",
                Map.of("X-Telegram-Bot-Api-Secret-Token", "not-the-secret"),
                update);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(Json.parse(wrong.body()).path("error").path("code").asString())
            .isEqualTo("auth_failed");
        assertThat(work.resolve(STATE + "/inbox/telegram.ndjson")).doesNotExist();

        var accepted =
            post(
                "/webhooks/telegram",
                Map.of("X-Telegram-Bot-Api-Secret-Token", TELEGRAM_SECRET),
                update);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(Json.parse(accepted.body()).path("event_key").asString())
            .isEqualTo("telegram:555:71");
        await("the agent's reply is sent", () -> !telegram.sentMessages().isEmpty());
        JsonNode sent = telegram.sentMessages().getFirst();
        assertThat(sent.path("text").asString()).isEqualTo("Hello from the gateway.");
        assertThat(sent.path("chat_id").asString()).isEqualTo("555");

        String log =
            Files.readString(
                work.resolve(STATE + "/channel-store/channels/telegram/555/log.jsonl"));
        assertThat(log).contains("\"decision\":\"allow\"").doesNotContain(TELEGRAM_TOKEN);

        await("the cycle is recorded", () -> Files.exists(work.resolve(STATE + "/state.json")));
        JsonNode mc = status();
        assertThat(mc.path("state_path").asString()).endsWith(STATE + "/state.json");
        assertThat(mc.path("health_state").asString()).isEqualTo("healthy");
        assertThat(mc.path("rollout_gate").asString()).isEqualTo("pass");
        assertThat(mc.path("failure_streak").asInt()).isZero();
        assertThat(mc.path("queue_depth").asInt()).isZero();
        JsonNode tg = mc.path("connectors").path("channels").path("telegram");
        assertThat(tg.path("mode").asString()).isEqualTo("webhook");
        assertThat(tg.path("events_ingested").asInt()).isEqualTo(1);
        assertThat(tg.path("auth_failures").asInt()).isEqualTo(1);
      } finally {
        output = stop(process);
      }
      assertThat(output)
          .contains("multi-channel service running: telegram_mode=webhook")
          .contains("multi-channel live runner summary:")
          .contains("service_status=stopped")
          .doesNotContain(TELEGRAM_SECRET)
          .doesNotContain(TELEGRAM_TOKEN);
      assertThat(telegram.sentMessages()).hasSize(1);
    }
  }

  @Test
  void aPolledDiscordMessageIsAnsweredWithACreateMessage() throws Exception {
    String channel = "1300000000000000001";
    try (FakeDiscordApi discord = new FakeDiscordApi(DISCORD_TOKEN)) {
      discord.enqueueMessage(channel, "42", "bob", "hi from discord");
      env.put("TAU_DISCORD_BOT_TOKEN", DISCORD_TOKEN);
      Process process =
          gateway(
              List.of(
                  "--multi-channel-discord-ingress-mode",
                  "polling",
                  "--multi-channel-discord-ingress-channel-id",
                  channel,
                  "--multi-channel-discord-poll-interval-ms",
                  "200",
                  "--multi-channel-discord-api-base",
                  discord.baseUrl().toString()));
      try {
        await("the agent's reply is posted", () -> discord.channelMessages(channel).size() >= 2);
        assertThat(
                discord.channelMessages(channel).stream()
                    .map(m -> m.path("content").asString())
                    .toList())
            .contains("hi from discord", "Hello from the gateway.");
        await(
            "the connector reports the poll",
            () -> {
              try {
                return status()
                    .path("connectors")
                    .path("channels")
                    .path("discord")
                    .path("liveness")
                    .asString()
                    .equals("healthy");
              } catch (Exception e) {
                return false;
              }
            });
      } finally {
        stop(process);
      }
      // Tau's own reply (a bot author) is never polled back in as a new event
      assertThat(Files.readAllLines(work.resolve(STATE + "/inbox/discord.ndjson"))).hasSize(1);
      assertThat(discord.channelMessages(channel)).hasSize(2);
    }
  }

  @Test
  void aSignedWhatsAppWebhookIsAnsweredAndABadSignatureIsRefused() throws Exception {
    try (FakeWhatsAppGraphApi whatsapp = new FakeWhatsAppGraphApi(WHATSAPP_TOKEN, "15550001111")) {
      env.put("TAU_WHATSAPP_ACCESS_TOKEN", WHATSAPP_TOKEN);
      env.put("TAU_WHATSAPP_PHONE_NUMBER_ID", "15550001111");
      Process process =
          gateway(
              List.of(
                  "--multi-channel-whatsapp-ingress-mode",
                  "webhook",
                  "--multi-channel-whatsapp-webhook-verify-token",
                  "verify-me",
                  "--multi-channel-whatsapp-webhook-app-secret",
                  WHATSAPP_APP_SECRET,
                  "--multi-channel-whatsapp-api-base",
                  whatsapp.baseUrl().toString()));
      String output;
      try {
        var handshake =
            GatewayProcessIT.get(
                port,
                "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me"
                    + "&hub.challenge=ch-123",
                null);
        assertThat(handshake.statusCode()).isEqualTo(200);
        assertThat(handshake.body()).isEqualTo("ch-123");

        String body =
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"waba-1\","
                + "\"changes\":[{\"field\":\"messages\",\"value\":{"
                + "\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"15550001111\","
                + "\"phone_number_id\":\"15550001111\"},"
                + "\"messages\":[{\"from\":\"15551234567\",\"id\":\"wamid.G1\","
                + "\"timestamp\":\"1760300000\",\"type\":\"text\","
                + "\"text\":{\"body\":\"hello from whatsapp\"}}]}}]}]}";
        var forged =
            post(
                "/webhooks/whatsapp",
                Map.of("X-Hub-Signature-256", "sha256=" + "0".repeat(64)),
                body);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(Json.parse(forged.body()).path("error").path("code").asString())
            .isEqualTo("invalid_signature");
        assertThat(work.resolve(STATE + "/inbox/whatsapp.ndjson")).doesNotExist();

        var signed = post("/webhooks/whatsapp", Map.of("X-Hub-Signature-256", sign(body)), body);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(Json.parse(signed.body()).path("ingested").asInt()).isEqualTo(1);
        await("the agent's reply is sent", () -> !whatsapp.sentMessages().isEmpty());
        JsonNode sent = whatsapp.sentMessages().getFirst();
        assertThat(sent.path("to").asString()).isEqualTo("15551234567");
        assertThat(sent.path("text").path("body").asString()).isEqualTo("Hello from the gateway.");
      } finally {
        output = stop(process);
      }
      assertThat(output).doesNotContain(WHATSAPP_APP_SECRET).doesNotContain(WHATSAPP_TOKEN);
    }
  }

  @Test
  void theStandaloneRunnerFlagsAreRefusedInsideTheGateway() throws Exception {
    var refused =
        TauProcess.run(
            work,
            env,
            null,
            "--gateway-openresponses-server",
            "--gateway-multi-channel",
            "--multi-channel-live-runner");
    assertThat(refused.exitCode()).isEqualTo(42);
    assertThat(refused.stderr()).contains("--gateway-multi-channel").contains("drop");
    var alone = TauProcess.run(work, env, null, "--gateway-multi-channel");
    assertThat(alone.exitCode()).isEqualTo(42);
    assertThat(alone.stderr())
        .contains("--gateway-multi-channel requires --gateway-openresponses-server");
  }

  private static String sign(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(WHATSAPP_APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
