package dev.tau.testkit.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FakePlatformServersTest {
  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> call(String method, URI uri, String body, String auth)
      throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      builder.header("Authorization", auth);
    }
    return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void telegramGetUpdatesConfirmsBelowOffsetAndLongPollsUntilAnUpdateArrives() throws Exception {
    try (FakeTelegramBotApi api = new FakeTelegramBotApi("123:abc")) {
      long first = api.enqueueTextMessage(42, 7, "alice", "hello");
      long second = api.enqueueTextMessage(42, 7, "alice", "again");
      URI updates = URI.create(api.baseUrl() + "/bot123:abc/getUpdates");
      JsonNode both = Json.parse(call("POST", updates, "{\"offset\":0}", null).body());
      assertThat(both.get("result")).hasSize(2);
      JsonNode rest = Json.parse(call("POST", updates, "{\"offset\":" + second + "}", null).body());
      assertThat(rest.get("result")).hasSize(1);
      assertThat(rest.get("result").get(0).get("update_id").asLong()).isEqualTo(second);
      assertThat(first).isLessThan(second);

      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  return;
                }
                api.enqueueTextMessage(42, 7, "alice", "late");
              });
      long start = System.nanoTime();
      JsonNode late =
          Json.parse(
              call("POST", updates, "{\"offset\":" + (second + 1) + ",\"timeout\":5}", null)
                  .body());
      assertThat(late.get("result")).hasSize(1);
      assertThat(late.get("result").get(0).get("message").get("text").asString()).isEqualTo("late");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      assertThat(api.lastOffset()).isEqualTo(second + 1);
    }
  }

  @Test
  void telegramAnswersUnauthorizedForAWrongTokenAndRateLimitsWithRetryAfter() throws Exception {
    try (FakeTelegramBotApi api = new FakeTelegramBotApi("123:abc")) {
      HttpResponse<String> wrong =
          call("POST", URI.create(api.baseUrl() + "/bot123:nope/getMe"), "{}", null);
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(Json.parse(wrong.body()).get("ok").asBoolean()).isFalse();

      api.enqueueFailure(ScriptedFailure.rateLimited(3).on("/sendMessage"));
      URI send = URI.create(api.baseUrl() + "/bot123:abc/sendMessage");
      HttpResponse<String> limited = call("POST", send, "{\"chat_id\":1,\"text\":\"x\"}", null);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(Json.parse(limited.body()).at("/parameters/retry_after").asInt()).isEqualTo(3);
      HttpResponse<String> sent = call("POST", send, "{\"chat_id\":1,\"text\":\"x\"}", null);
      assertThat(Json.parse(sent.body()).at("/result/message_id").asLong()).isPositive();
    }
  }

  @Test
  void discordListsMessagesAfterASnowflakeNewestFirstAndNeedsTheBotToken() throws Exception {
    try (FakeDiscordApi api = new FakeDiscordApi("dtok")) {
      String a = api.enqueueMessage("555", "9", "bob", "one");
      String b = api.enqueueMessage("555", "9", "bob", "two");
      String c = api.enqueueMessage("555", "9", "bob", "three");
      URI list = URI.create(api.baseUrl() + "/channels/555/messages?after=" + a + "&limit=50");
      assertThat(call("GET", list, null, null).statusCode()).isEqualTo(401);
      JsonNode page = Json.parse(call("GET", list, null, "Bot dtok").body());
      assertThat(page).hasSize(2);
      assertThat(page.get(0).get("id").asString()).isEqualTo(c);
      assertThat(page.get(1).get("id").asString()).isEqualTo(b);

      api.enqueueFailure(ScriptedFailure.rateLimited(2));
      HttpResponse<String> limited =
          call(
              "POST",
              URI.create(api.baseUrl() + "/channels/555/messages"),
              "{\"content\":\"hi\"}",
              "Bot dtok");
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
      assertThat(Json.parse(limited.body()).get("retry_after").asDouble()).isEqualTo(2.0);
    }
  }

  @Test
  void whatsappReturnsAWamidAndTheGraphErrorEnvelope() throws Exception {
    try (FakeWhatsAppGraphApi api = new FakeWhatsAppGraphApi("wtok", "1555")) {
      String body =
          "{\"messaging_product\":\"whatsapp\",\"to\":\"15551234567\",\"type\":\"text\","
              + "\"text\":{\"body\":\"hi\"}}";
      URI messages = URI.create(api.baseUrl() + "/1555/messages");
      JsonNode ok = Json.parse(call("POST", messages, body, "Bearer wtok").body());
      assertThat(ok.at("/messages/0/id").asString()).startsWith("wamid.");
      HttpResponse<String> denied = call("POST", messages, body, "Bearer wrong");
      assertThat(denied.statusCode()).isEqualTo(401);
      assertThat(Json.parse(denied.body()).at("/error/code").asInt()).isEqualTo(190);
    }
  }
}
