package dev.tau.channels.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.channels.EventKind;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import dev.tau.core.json.Json;
import dev.tau.testkit.channels.FakeDiscordApi;
import dev.tau.testkit.channels.FakeTelegramBotApi;
import dev.tau.testkit.channels.FakeWhatsAppGraphApi;
import dev.tau.testkit.channels.ScriptedFailure;
import dev.tau.testkit.fakes.RecordedRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OutboundDispatchersTest {
  private static final String TG_TOKEN = "123456:AAH-secret-telegram-token";
  private static final String DC_TOKEN = "discord-secret-token-xyz";
  private static final String WA_TOKEN = "EAAG-whatsapp-secret-token";
  private static final String PHONE_ID = "106540352242922";

  private final FakeTelegramBotApi telegram = new FakeTelegramBotApi(TG_TOKEN);
  private final FakeDiscordApi discord = new FakeDiscordApi(DC_TOKEN);
  private final FakeWhatsAppGraphApi whatsapp = new FakeWhatsAppGraphApi(WA_TOKEN, PHONE_ID);
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final HttpClient client = OutboundDispatchers.httpClient(OutboundSettings.defaults());

  /** Resolves only literal IPs (the fakes are on 127.0.0.1): no DNS in tests. */
  private static final SsrfGuard.HostResolver LITERAL_ONLY =
      host -> List.of(InetAddress.getByName(host.matches("[0-9.]+") ? host : "0.0.0.0"));

  @AfterEach
  void close() {
    telegram.close();
    discord.close();
    whatsapp.close();
  }

  private OutboundSettings.Builder settings() {
    return OutboundSettings.builder()
        .mode(OutboundMode.PROVIDER)
        .telegramApiBase(telegram.baseUrl())
        .discordApiBase(discord.baseUrl())
        .whatsappApiBase(whatsapp.baseUrl())
        .telegramBotToken(TG_TOKEN)
        .discordBotToken(DC_TOKEN)
        .whatsappAccessToken(WA_TOKEN)
        .whatsappPhoneNumberId(PHONE_ID)
        .ssrf(new SsrfSettings(true, true, true, 5));
  }

  private OutboundDispatcher dispatcher(OutboundSettings settings) {
    return OutboundDispatchers.create(settings, client, sleeps::add, LITERAL_ONLY);
  }

  private static InboundEvent event(Transport transport, String conversation, String actor) {
    return event(transport, conversation, actor, Map.of());
  }

  private static InboundEvent event(
      Transport transport, String conversation, String actor, Map<String, JsonNode> metadata) {
    return new InboundEvent(
        1,
        transport,
        EventKind.MESSAGE,
        "evt-1",
        conversation,
        "",
        actor,
        "",
        1_760_000_000_000L,
        "hello",
        List.of(),
        metadata);
  }

  private static void assertNoToken(DeliveryOutcome outcome) {
    for (DeliveryReceipt receipt : outcome.receipts()) {
      String all = receipt.toString();
      assertThat(all).doesNotContain(TG_TOKEN, DC_TOKEN, WA_TOKEN, "AAH-secret");
    }
  }

  @Test
  void telegramSendsOneRequestPerChunkAndReturnsMessageIdsWithoutTheToken() {
    DeliveryOutcome outcome =
        dispatcher(settings().maxChars(5).build())
            .deliver(event(Transport.TELEGRAM, "4242", "7"), "  hello world!  ");

    assertThat(outcome.chunkCount()).isEqualTo(3);
    assertThat(outcome.failed()).as(outcome.toString()).isFalse();
    assertThat(outcome.receipts())
        .extracting(DeliveryReceipt::status)
        .containsExactly("sent", "sent", "sent");
    assertThat(outcome.receipts()).allSatisfy(r -> assertThat(r.providerMessageId()).isNotEmpty());
    assertThat(outcome.receipts().getFirst().endpoint())
        .isEqualTo(telegram.baseUrl() + "/bot<redacted>/sendMessage");
    assertThat(outcome.receipts().getFirst().httpStatus()).isEqualTo(200);
    List<JsonNode> sent = telegram.sentMessages();
    assertThat(sent)
        .extracting(m -> m.get("text").asString())
        .containsExactly("hello", " worl", "d!");
    assertThat(sent.getFirst().get("chat_id").asString()).isEqualTo("4242");
    assertThat(sent.getFirst().get("disable_web_page_preview").asBoolean()).isTrue();
    assertNoToken(outcome);
  }

  @Test
  void aRateLimitIsRetriedAfterThePlatformsRetryAfter() {
    telegram.enqueueFailure(ScriptedFailure.rateLimited(7));
    DeliveryOutcome outcome =
        dispatcher(settings().build()).deliver(event(Transport.TELEGRAM, "1", "7"), "hi");

    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    assertThat(outcome.receipts())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo("sent");
              assertThat(r.providerMessageId()).isNotEmpty();
            });
    assertThat(telegram.requests()).hasSize(2);
  }

  @Test
  void discordRetryAfterComesFromItsBody() {
    discord.enqueueFailure(ScriptedFailure.rateLimited(2));
    DeliveryOutcome outcome =
        dispatcher(settings().build()).deliver(event(Transport.DISCORD, "555", "9"), "hi");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    assertThat(outcome.failed()).isFalse();
  }

  @Test
  void rateLimitsBeyondTheBoundedRetriesFailRetryably() {
    telegram.enqueueFailure(
        ScriptedFailure.rateLimited(1),
        ScriptedFailure.rateLimited(1),
        ScriptedFailure.rateLimited(1));
    DeliveryOutcome outcome =
        dispatcher(settings().rateLimitMaxRetries(2).build())
            .deliver(event(Transport.TELEGRAM, "1", "7"), "hi");

    assertThat(sleeps).hasSize(2);
    DeliveryReceipt receipt = outcome.receipts().getFirst();
    assertThat(receipt.reasonCode()).isEqualTo("delivery_rate_limited");
    assertThat(receipt.retryable()).isTrue();
    assertThat(receipt.httpStatus()).isEqualTo(429);
    assertThat(receipt.detail()).contains("retry_after");
    assertThat(outcome.retryable()).isTrue();
  }

  @Test
  void aRetryAfterLongerThanTheCapFailsAtOnce() {
    discord.enqueueFailure(ScriptedFailure.rateLimited(120));
    DeliveryOutcome outcome =
        dispatcher(settings().maxRetryAfter(Duration.ofSeconds(30)).build())
            .deliver(event(Transport.DISCORD, "555", "9"), "hi");
    assertThat(sleeps).isEmpty();
    assertThat(outcome.receipts().getFirst().reasonCode()).isEqualTo("delivery_rate_limited");
  }

  @Test
  void aWrongTokenIsARejectedRequestThatDoesNotLeakTheToken() {
    DeliveryOutcome outcome =
        dispatcher(settings().telegramBotToken("999:wrong-secret-value").build())
            .deliver(event(Transport.TELEGRAM, "1", "7"), "hi");
    DeliveryReceipt receipt = outcome.receipts().getFirst();
    assertThat(receipt.reasonCode()).isEqualTo("delivery_request_rejected");
    assertThat(receipt.retryable()).isFalse();
    assertThat(receipt.httpStatus()).isEqualTo(401);
    assertThat(receipt.detail()).contains("Unauthorized");
    assertThat(receipt.toString()).doesNotContain("wrong-secret-value");
    assertThat(outcome.retryable()).isFalse();
  }

  @Test
  void serverErrorsAreRetryableProviderUnavailable() {
    whatsapp.enqueueFailure(ScriptedFailure.status(503, "Service temporarily unavailable"));
    DeliveryOutcome outcome =
        dispatcher(settings().build())
            .deliver(event(Transport.WHATSAPP, PHONE_ID + ":15551234567", "15551234567"), "hi");
    DeliveryReceipt receipt = outcome.receipts().getFirst();
    assertThat(receipt.reasonCode()).isEqualTo("delivery_provider_unavailable");
    assertThat(receipt.retryable()).isTrue();
    assertThat(receipt.httpStatus()).isEqualTo(503);
    assertThat(receipt.detail()).contains("Service temporarily unavailable");
  }

  @Test
  void aDroppedConnectionIsARetryableTransportError() {
    discord.enqueueFailure(ScriptedFailure.disconnect());
    DeliveryOutcome outcome =
        dispatcher(settings().build()).deliver(event(Transport.DISCORD, "555", "9"), "hi");
    DeliveryReceipt receipt = outcome.receipts().getFirst();
    assertThat(receipt.reasonCode()).isEqualTo("delivery_transport_error");
    assertThat(receipt.retryable()).isTrue();
    assertThat(receipt.httpStatus()).isZero();
  }

  @Test
  void aFailedChunkStopsTheRemainingChunks() {
    telegram.enqueueFailure(ScriptedFailure.status(502, "Bad Gateway").on("/sendMessage"));
    DeliveryOutcome outcome =
        dispatcher(settings().maxChars(2).build())
            .deliver(event(Transport.TELEGRAM, "1", "7"), "abcdef");
    assertThat(outcome.chunkCount()).isEqualTo(3);
    assertThat(outcome.receipts()).singleElement().satisfies(r -> assertThat(r.failed()).isTrue());
    assertThat(telegram.requests()).hasSize(1);
  }

  @Test
  void whatsappSendsToTheActorsNumberFromTheEventsPhoneNumberId() {
    OutboundSettings settings = settings().whatsappPhoneNumberId("").build();
    DeliveryOutcome outcome =
        dispatcher(settings)
            .deliver(
                event(
                    Transport.WHATSAPP,
                    PHONE_ID + ":15551234567",
                    "15551234567",
                    Map.of(
                        "whatsapp_phone_number_id",
                        Json.mapper().getNodeFactory().textNode(PHONE_ID))),
                "hola");
    DeliveryReceipt receipt = outcome.receipts().getFirst();
    assertThat(receipt.status()).isEqualTo("sent");
    assertThat(receipt.providerMessageId()).startsWith("wamid.");
    assertThat(receipt.endpoint()).isEqualTo(whatsapp.baseUrl() + "/" + PHONE_ID + "/messages");
    JsonNode body = whatsapp.sentMessages().getFirst();
    assertThat(body.get("to").asString()).isEqualTo("15551234567");
    assertThat(body.at("/text/body").asString()).isEqualTo("hola");
    assertThat(whatsapp.requests().getFirst().header("authorization"))
        .hasValue("Bearer " + WA_TOKEN);
    assertNoToken(outcome);
  }

  @Test
  void missingCredentialsFailWithTheirReasonCodesWithoutARequest() {
    OutboundDispatcher bare =
        dispatcher(
            settings()
                .telegramBotToken("")
                .discordBotToken("")
                .whatsappAccessToken("")
                .whatsappPhoneNumberId("")
                .build());
    assertThat(
            bare.deliver(event(Transport.TELEGRAM, "1", "7"), "hi")
                .receipts()
                .getFirst()
                .reasonCode())
        .isEqualTo("delivery_missing_telegram_bot_token");
    assertThat(
            bare.deliver(event(Transport.DISCORD, "5", "7"), "hi")
                .receipts()
                .getFirst()
                .reasonCode())
        .isEqualTo("delivery_missing_discord_bot_token");
    assertThat(
            bare.deliver(event(Transport.WHATSAPP, "1:2", "2"), "hi")
                .receipts()
                .getFirst()
                .reasonCode())
        .isEqualTo("delivery_missing_whatsapp_access_token");
    OutboundDispatcher noPhone = dispatcher(settings().whatsappPhoneNumberId("").build());
    assertThat(
            noPhone
                .deliver(event(Transport.WHATSAPP, "1:2", "2"), "hi")
                .receipts()
                .getFirst()
                .reasonCode())
        .isEqualTo("delivery_missing_whatsapp_phone_number_id");
    assertThat(telegram.requests()).isEmpty();
    assertThat(discord.requests()).isEmpty();
    assertThat(whatsapp.requests()).isEmpty();
  }

  @Test
  void discordEditsOnePlaceholderProgressivelyWhenTheReplyFitsOneMessage() {
    DeliveryOutcome outcome =
        dispatcher(settings().maxChars(4).build())
            .deliver(event(Transport.DISCORD, "555", "9"), "abcdefghij");

    assertThat(outcome.chunkCount()).isEqualTo(3);
    assertThat(outcome.receipts())
        .extracting(DeliveryReceipt::status)
        .containsExactly("sent", "sent", "sent");
    List<RecordedRequest> requests = discord.requests();
    assertThat(requests)
        .extracting(RecordedRequest::method)
        .containsExactly("POST", "PATCH", "PATCH", "PATCH");
    assertThat(requests.getFirst().json().get("content").asString()).isEqualTo("...");
    assertThat(requests)
        .extracting(r -> r.json().get("content").asString())
        .containsExactly("...", "abcd", "abcdefgh", "abcdefghij");
    String id = outcome.receipts().getFirst().providerMessageId();
    assertThat(discord.channelMessages("555"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.get("id").asString()).isEqualTo(id);
              assertThat(m.get("content").asString()).isEqualTo("abcdefghij");
            });
    assertThat(requests.getFirst().header("authorization")).hasValue("Bot " + DC_TOKEN);
  }

  @Test
  void discordSendsASingleChunkWithOnePost() {
    DeliveryOutcome outcome =
        dispatcher(settings().build()).deliver(event(Transport.DISCORD, "555", "9"), "hello");
    assertThat(discord.requests()).extracting(RecordedRequest::method).containsExactly("POST");
    assertThat(outcome.receipts().getFirst().endpoint())
        .isEqualTo(discord.baseUrl() + "/channels/555/messages");
  }

  @Test
  void redirectsAreFollowedUnderTheSsrfGuard() {
    telegram.enqueueFailure(ScriptedFailure.redirect(307, "https://169.254.169.254/latest"));
    DeliveryReceipt metadata =
        dispatcher(settings().build())
            .deliver(event(Transport.TELEGRAM, "1", "7"), "hi")
            .receipts()
            .getFirst();
    assertThat(metadata.reasonCode()).isEqualTo("delivery_ssrf_blocked_metadata_endpoint");
    assertThat(metadata.retryable()).isFalse();

    telegram.enqueueFailure(ScriptedFailure.redirectWithoutLocation(302));
    assertThat(
            dispatcher(settings().build())
                .deliver(event(Transport.TELEGRAM, "1", "7"), "hi")
                .receipts()
                .getFirst()
                .reasonCode())
        .isEqualTo("delivery_redirect_missing_location");

    telegram.enqueueFailure(ScriptedFailure.redirect(302, "http://[::1"));
    assertThat(
            dispatcher(settings().build())
                .deliver(event(Transport.TELEGRAM, "1", "7"), "hi")
                .receipts()
                .getFirst()
                .reasonCode())
        .isEqualTo("delivery_redirect_invalid_location");

    String self = telegram.baseUrl() + "/bot" + TG_TOKEN + "/sendMessage";
    telegram.enqueueFailure(
        ScriptedFailure.redirect(307, self), ScriptedFailure.redirect(307, self));
    DeliveryReceipt limited =
        dispatcher(settings().ssrf(new SsrfSettings(true, true, true, 1)).build())
            .deliver(event(Transport.TELEGRAM, "1", "7"), "hi")
            .receipts()
            .getFirst();
    assertThat(limited.reasonCode()).isEqualTo("delivery_redirect_limit_exceeded");
    assertThat(limited.toString()).doesNotContain(TG_TOKEN);

    telegram.enqueueFailure(ScriptedFailure.redirect(307, self));
    assertThat(
            dispatcher(settings().build())
                .deliver(event(Transport.TELEGRAM, "1", "7"), "hi")
                .receipts()
                .getFirst()
                .status())
        .isEqualTo("sent");
  }

  @Test
  void aRedirectToAnotherOriginIsRefusedAndNothingIsSentThere() {
    try (FakeDiscordApi elsewhere = new FakeDiscordApi(DC_TOKEN);
        FakeTelegramBotApi otherPort = new FakeTelegramBotApi(TG_TOKEN)) {
      discord.enqueueFailure(
          ScriptedFailure.redirect(307, elsewhere.baseUrl() + "/channels/555/messages"));
      DeliveryReceipt receipt =
          dispatcher(settings().build())
              .deliver(event(Transport.DISCORD, "555", "9"), "hi")
              .receipts()
              .getFirst();
      assertThat(elsewhere.requests()).isEmpty();
      assertThat(receipt.reasonCode()).isEqualTo("delivery_redirect_cross_origin_refused");
      assertThat(receipt.retryable()).isFalse();

      // Telegram's token is in the URL path: a 307 to another port would replay it with the body
      telegram.enqueueFailure(
          ScriptedFailure.redirect(307, otherPort.baseUrl() + "/bot" + TG_TOKEN + "/sendMessage"));
      DeliveryReceipt tg =
          dispatcher(settings().build())
              .deliver(event(Transport.TELEGRAM, "1", "7"), "secret plans")
              .receipts()
              .getFirst();
      assertThat(otherPort.requests()).isEmpty();
      assertThat(tg.reasonCode()).isEqualTo("delivery_redirect_cross_origin_refused");
      assertThat(tg.toString()).doesNotContain(TG_TOKEN);
    }
  }

  @Test
  void aResponseBodyAboveTheCapIsATransportErrorNotReadToTheEnd() {
    telegram.enqueueFailure(
        ScriptedFailure.status(500, "x".repeat((int) ProviderHttp.MAX_RESPONSE_BYTES + 10)));
    DeliveryReceipt receipt =
        dispatcher(settings().build())
            .deliver(event(Transport.TELEGRAM, "1", "7"), "hi")
            .receipts()
            .getFirst();
    assertThat(receipt.reasonCode()).isEqualTo("delivery_transport_error");
    assertThat(receipt.detail()).contains("larger than 1048576 bytes");
  }

  @Test
  void theDefaultGuardRefusesTheLoopbackFakes() {
    DeliveryReceipt receipt =
        dispatcher(settings().ssrf(SsrfSettings.defaults()).build())
            .deliver(event(Transport.TELEGRAM, "1", "7"), "hi")
            .receipts()
            .getFirst();
    assertThat(receipt.reasonCode()).isEqualTo("delivery_ssrf_blocked_scheme");
    assertThat(telegram.requests()).isEmpty();
  }

  @Test
  void dryRunShapesRequestsWithPlaceholdersAndSendsNothing() {
    OutboundSettings settings =
        settings()
            .mode(OutboundMode.DRY_RUN)
            .telegramBotToken("")
            .whatsappAccessToken("")
            .whatsappPhoneNumberId("")
            .maxChars(3)
            .build();
    OutboundDispatcher dryRun = dispatcher(settings);
    assertThat(dryRun.mode()).isEqualTo(OutboundMode.DRY_RUN);

    DeliveryOutcome tg = dryRun.deliver(event(Transport.TELEGRAM, "42", "7"), "abcdef");
    assertThat(tg.chunkCount()).isEqualTo(2);
    assertThat(tg.receipts())
        .extracting(DeliveryReceipt::status)
        .containsExactly("dry_run", "dry_run");
    assertThat(tg.receipts()).extracting(DeliveryReceipt::chunkIndex).containsExactly(1, 2);
    assertThat(tg.receipts().getFirst().endpoint())
        .isEqualTo(telegram.baseUrl() + "/botdry-run-telegram-token/sendMessage");
    assertThat(Json.parse(tg.receipts().get(1).requestBody()).get("text").asString())
        .isEqualTo("def");
    assertThat(tg.receipts().getFirst().httpStatus()).isZero();

    DeliveryOutcome wa = dryRun.deliver(event(Transport.WHATSAPP, "x", "x:"), "hi");
    assertThat(wa.receipts().getFirst().endpoint())
        .isEqualTo(whatsapp.baseUrl() + "/dry-run-phone-number-id/messages");
    assertThat(Json.parse(wa.receipts().getFirst().requestBody()).get("to").asString())
        .isEqualTo("dry-run-recipient");

    DeliveryOutcome withToken =
        dispatcher(settings().mode(OutboundMode.DRY_RUN).build())
            .deliver(event(Transport.TELEGRAM, "42", "7"), "abc");
    assertThat(withToken.receipts().getFirst().endpoint()).contains("/bot<redacted>/sendMessage");
    assertNoToken(withToken);
    assertThat(telegram.requests()).isEmpty();
    assertThat(whatsapp.requests()).isEmpty();
  }

  @Test
  void channelStoreModeDeliversNothing() {
    OutboundDispatcher store = dispatcher(settings().mode(OutboundMode.CHANNEL_STORE).build());
    DeliveryOutcome outcome = store.deliver(event(Transport.TELEGRAM, "1", "7"), "hello");
    assertThat(outcome.mode()).isEqualTo(OutboundMode.CHANNEL_STORE);
    assertThat(outcome.chunkCount()).isZero();
    assertThat(outcome.receipts()).isEmpty();
    assertThat(telegram.requests()).isEmpty();
  }

  @Test
  void longRequestBodiesAndDetailsAreTruncatedTo512() {
    OutboundSettings settings = settings().mode(OutboundMode.DRY_RUN).build();
    DeliveryReceipt receipt =
        dispatcher(settings)
            .deliver(event(Transport.TELEGRAM, "1", "7"), "x".repeat(2000))
            .receipts()
            .getFirst();
    assertThat(receipt.requestBody()).hasSize(515).endsWith("...");
  }

  @Test
  void settingsNeverShowTokensAndNameTheInvalidField() {
    OutboundSettings settings = settings().build();
    assertThat(settings.toString()).doesNotContain(TG_TOKEN, DC_TOKEN, WA_TOKEN).contains("(set)");
    assertThatThrownBy(() -> settings().maxChars(0).build())
        .hasMessageContaining("max_chars must be > 0");
    assertThatThrownBy(() -> settings().httpTimeout(Duration.ZERO).build())
        .hasMessageContaining("http_timeout_ms");
    assertThatThrownBy(() -> settings().telegramApiBase(URI.create("ftp://x.example")).build())
        .hasMessageContaining("telegram_api_base");
    assertThatThrownBy(() -> settings().whatsappPhoneNumberId("12/../x").build())
        .hasMessageContaining("whatsapp_phone_number_id");
    assertThat(OutboundSettings.defaults().telegramApiBase())
        .hasToString("https://api.telegram.org");
    assertThat(OutboundSettings.parseBase("discord_api_base", "https://discord.com/api/v10/"))
        .hasToString("https://discord.com/api/v10");
  }

  @Test
  void providerModeRefusesAClientThatFollowsRedirects() {
    HttpClient following =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    assertThatThrownBy(() -> OutboundDispatchers.create(settings().build(), following))
        .hasMessageContaining("must not follow redirects");
  }

  @Test
  void reasonCodesAreTheSpecsWireStrings() {
    List<String> wires = new ArrayList<>();
    for (DeliveryReason reason : DeliveryReason.values()) {
      wires.add(reason.wire());
    }
    assertThat(wires)
        .contains(
            "delivery_missing_telegram_bot_token",
            "delivery_rate_limited",
            "delivery_provider_unavailable",
            "delivery_request_rejected",
            "delivery_transport_error",
            "delivery_ssrf_blocked_private_network",
            "delivery_redirect_limit_exceeded");
  }
}
