package dev.tau.channels.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.testkit.store.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class WebhookServerTest {
  private static final String TELEGRAM_SECRET = "tg-webhook-secret";
  private static final String VERIFY_TOKEN = "wa-verify-token";
  private static final String APP_SECRET = "wa-app-secret";
  private static final String TELEGRAM_UPDATE =
      """
      {"update_id":9001,"message":{"message_id":42,"date":1760100000,
       "chat":{"id":"chat-100","type":"private"},
       "from":{"id":"user-7","is_bot":false,"first_name":"Alice","username":"alice"},
       "text":"hello from telegram"}}""";
  private static final String WHATSAPP_NOTIFICATION =
      """
      {"object":"whatsapp_business_account","entry":[{"id":"waba-1","changes":[{"field":"messages",
       "value":{"messaging_product":"whatsapp",
        "metadata":{"display_phone_number":"15550001111","phone_number_id":"phone-55"},
        "contacts":[{"profile":{"name":"Bob"},"wa_id":"15551234567"}],
        "messages":[{"from":"15551234567","id":"wamid.HBg123","timestamp":"1760300000",
         "type":"text","text":{"body":"hello from whatsapp"}}]}}]}]}""";

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2025-10-10T12:00:00Z"));
  private final HttpClient client = HttpClient.newHttpClient();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch listening = new CountDownLatch(1);
  private volatile String announced = "";
  private Thread runner;
  private ConnectorRuntime runtime;
  private URI base;

  @BeforeEach
  void start() throws Exception {
    ConnectorsConfig config =
        ConnectorsConfig.builder()
            .statePath(dir.resolve("state.json"))
            .ingestDir(dir.resolve("inbox"))
            .telegramMode(IngressMode.WEBHOOK)
            .whatsappMode(IngressMode.WEBHOOK)
            .webhookBind("127.0.0.1:0")
            .telegramWebhookSecret(Secret.of(TELEGRAM_SECRET))
            .whatsappVerifyToken(Secret.of(VERIFY_TOKEN))
            .whatsappAppSecret(Secret.of(APP_SECRET))
            .webhookMaxBodyBytes(4096)
            .build();
    runtime =
        ConnectorRuntime.open(config, clock, d -> {}, ConnectorHttp.jdk(Duration.ofSeconds(1)));
    runner =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    runtime.run(
                        stop,
                        line -> {
                          announced = line;
                          listening.countDown();
                        });
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
    assertThat(listening.await(10, TimeUnit.SECONDS)).isTrue();
    String addr = announced.replaceAll(".*addr=(\\S+).*", "$1");
    base = URI.create("http://" + addr);
    assertThat(announced).contains("telegram_mode=webhook whatsapp_mode=webhook");
  }

  @AfterEach
  void stop() throws Exception {
    stop.countDown();
    runner.join(10_000);
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("content-type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return client.send(
        HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Path inbox(String transport) {
    return dir.resolve("inbox").resolve(transport + ".ndjson");
  }

  private JsonNode channelState(String transport) throws Exception {
    return Json.parse(Files.readString(dir.resolve("state.json"))).path("channels").path(transport);
  }

  private static String sign(String body, String secret) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void telegramWebhookWithTheSecretIsIngestedOnceAndSavedAtOnce() throws Exception {
    HttpResponse<String> first =
        post(
            "/webhooks/telegram",
            TELEGRAM_UPDATE,
            "X-Telegram-Bot-Api-Secret-Token",
            TELEGRAM_SECRET);
    HttpResponse<String> again =
        post(
            "/webhooks/telegram",
            TELEGRAM_UPDATE,
            "X-Telegram-Bot-Api-Secret-Token",
            TELEGRAM_SECRET);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(Json.parse(first.body()).path("event_key").asString())
        .isEqualTo("telegram:chat-100:42");
    assertThat(Json.parse(first.body()).path("duplicate").asBoolean()).isFalse();
    assertThat(Json.parse(again.body()).path("duplicate").asBoolean()).isTrue();
    assertThat(Files.readAllLines(inbox("telegram"))).hasSize(1);
    JsonNode state = channelState("telegram");
    assertThat(state.path("events_ingested").asLong()).isEqualTo(1);
    assertThat(state.path("duplicates_skipped").asLong()).isEqualTo(1);
    assertThat(state.path("liveness").asString()).isEqualTo("healthy");
  }

  @Test
  void telegramWebhookWithAWrongOrMissingSecretIs401AndIngestsNothing() throws Exception {
    HttpResponse<String> wrong =
        post("/webhooks/telegram", TELEGRAM_UPDATE, "X-Telegram-Bot-Api-Secret-Token", "guess");
    HttpResponse<String> missing = post("/webhooks/telegram", TELEGRAM_UPDATE);

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(Json.parse(wrong.body()).path("error").path("code").asString())
        .isEqualTo("auth_failed");
    assertThat(inbox("telegram")).doesNotExist();
    runtime.save(); // refused requests are saved with the next regular save
    assertThat(channelState("telegram").path("auth_failures").asLong()).isEqualTo(2);
  }

  @Test
  void refusedRequestsCountAtOnceButWriteTheStateAtMostOncePerInterval() throws Exception {
    for (int i = 0; i < 20; i++) {
      assertThat(post("/webhooks/telegram", TELEGRAM_UPDATE).statusCode()).isEqualTo(401);
    }
    assertThat(channelState("telegram").path("auth_failures").asLong())
        .as("only the first refusal wrote the file")
        .isEqualTo(1);

    clock.advance(Duration.ofMillis(ConnectorRuntime.REFUSED_SAVE_INTERVAL_MS));
    post("/webhooks/telegram", TELEGRAM_UPDATE);
    assertThat(channelState("telegram").path("auth_failures").asLong()).isEqualTo(21);
  }

  @Test
  void validTelegramUpdatesTauDoesNotHandleAre200IgnoredSoTelegramStopsRedelivering()
      throws Exception {
    for (String update :
        List.of(
            "{\"update_id\":1,\"edited_message\":{\"message_id\":1}}",
            "{\"update_id\":2,\"my_chat_member\":{}}",
            "{\"update_id\":3,\"channel_post\":{\"message_id\":3}}")) {
      HttpResponse<String> response =
          post("/webhooks/telegram", update, "X-Telegram-Bot-Api-Secret-Token", TELEGRAM_SECRET);
      assertThat(response.statusCode()).as(update).isEqualTo(200);
      assertThat(Json.parse(response.body()).path("status").asString()).isEqualTo("ignored");
    }
    HttpResponse<String> notJson =
        post("/webhooks/telegram", "{nope", "X-Telegram-Bot-Api-Secret-Token", TELEGRAM_SECRET);
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(inbox("telegram")).doesNotExist();
  }

  @Test
  void telegramWebhookWithAnUnusableUpdateIs400ParseFailed() throws Exception {
    HttpResponse<String> response =
        post(
            "/webhooks/telegram",
            "{\"update_id\":1,\"message\":{\"message_id\":1}}",
            "X-Telegram-Bot-Api-Secret-Token",
            TELEGRAM_SECRET);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Json.parse(response.body()).path("error").path("code").asString())
        .isEqualTo("parse_failed");
    runtime.save();
    assertThat(channelState("telegram").path("parse_failures").asLong()).isEqualTo(1);
  }

  @Test
  void telegramWebhookWithAStickerIsAnsweredIgnoredSoTelegramDoesNotDeliverItAgain()
      throws Exception {
    String sticker =
        "{\"update_id\":7,\"message\":{\"message_id\":7,\"date\":1700000000,"
            + "\"chat\":{\"id\":100,\"type\":\"private\"},\"from\":{\"id\":5},"
            + "\"sticker\":{\"file_id\":\"CAAC\",\"emoji\":\"x\"}}}";
    HttpResponse<String> response =
        post("/webhooks/telegram", sticker, "X-Telegram-Bot-Api-Secret-Token", TELEGRAM_SECRET);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Json.parse(response.body());
    assertThat(body.path("status").asString()).isEqualTo("ignored");
    assertThat(body.path("reason_code").asString()).isEqualTo("empty_content");
    assertThat(inbox("telegram")).doesNotExist();
    runtime.save();
    assertThat(channelState("telegram").path("events_ignored").asLong()).isEqualTo(1);
    assertThat(channelState("telegram").path("parse_failures").asLong()).isZero();
  }

  @Test
  void whatsappVerificationHandshakeEchoesTheChallenge() throws Exception {
    HttpResponse<String> ok =
        get(
            "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token="
                + VERIFY_TOKEN
                + "&hub.challenge=1158201444");
    HttpResponse<String> wrong =
        get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1");

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("1158201444");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(Json.parse(wrong.body()).path("error").path("code").asString())
        .isEqualTo("invalid_webhook_verification");
  }

  @Test
  void whatsappNotificationWithAValidSignatureIsIngested() throws Exception {
    HttpResponse<String> response =
        post(
            "/webhooks/whatsapp",
            WHATSAPP_NOTIFICATION,
            "X-Hub-Signature-256",
            sign(WHATSAPP_NOTIFICATION, APP_SECRET));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.parse(response.body()).path("ingested").asInt()).isEqualTo(1);
    String line = Files.readAllLines(inbox("whatsapp")).getFirst();
    assertThat(Json.parse(line).path("transport").asString()).isEqualTo("whatsapp");
    assertThat(line).contains("hello from whatsapp");
  }

  @Test
  void whatsappNotificationWithABadOrMissingSignatureIs401AndInboxUnchanged() throws Exception {
    String tampered = WHATSAPP_NOTIFICATION.replace("hello from whatsapp", "pay me");
    HttpResponse<String> bad =
        post(
            "/webhooks/whatsapp",
            tampered,
            "X-Hub-Signature-256",
            sign(WHATSAPP_NOTIFICATION, APP_SECRET));
    HttpResponse<String> otherKey =
        post(
            "/webhooks/whatsapp",
            WHATSAPP_NOTIFICATION,
            "X-Hub-Signature-256",
            sign(WHATSAPP_NOTIFICATION, "another-secret"));
    HttpResponse<String> missing = post("/webhooks/whatsapp", WHATSAPP_NOTIFICATION);

    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(otherKey.statusCode()).isEqualTo(401);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(Json.parse(bad.body()).path("error").path("code").asString())
        .isEqualTo("invalid_signature");
    assertThat(inbox("whatsapp")).doesNotExist();
    runtime.save();
    JsonNode state = channelState("whatsapp");
    assertThat(state.path("auth_failures").asLong()).isEqualTo(3);
    assertThat(state.path("last_error_code").asString()).isEqualTo("invalid_signature");
  }

  @Test
  void whatsappStatusCallbacksAreIgnoredNotFailed() throws Exception {
    String statuses =
        """
        {"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages",
         "value":{"metadata":{"phone_number_id":"phone-55"},
          "statuses":[{"id":"wamid.X","status":"delivered"}]}}]}]}""";
    HttpResponse<String> response =
        post("/webhooks/whatsapp", statuses, "X-Hub-Signature-256", sign(statuses, APP_SECRET));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.parse(response.body()).path("ignored").asInt()).isEqualTo(1);
    assertThat(channelState("whatsapp").path("parse_failures").asLong()).isZero();
  }

  @Test
  void bodiesAboveTheLimitAre413() throws Exception {
    String big = "{\"pad\":\"" + "x".repeat(5000) + "\"}";
    HttpResponse<String> response =
        post("/webhooks/whatsapp", big, "X-Hub-Signature-256", sign(big, APP_SECRET));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Json.parse(response.body()).path("error").path("code").asString())
        .isEqualTo("payload_too_large");
  }

  @Test
  void healthzAndUnknownRoutes() throws Exception {
    assertThat(get("/healthz").body()).isEqualTo("{\"status\":\"ok\"}");
    HttpResponse<String> unknown = get("/webhooks/discord");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Json.parse(unknown.body()).path("error").path("code").asString())
        .isEqualTo("not_found");
    assertThat(get("/webhooks/telegram").statusCode()).isEqualTo(405);
  }
}
