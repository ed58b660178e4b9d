package dev.tau.channels.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.channels.Transport;
import dev.tau.channels.ingress.ChannelNormalizer;
import dev.tau.channels.ingress.InboxLine;
import dev.tau.channels.ingress.InboxReader;
import dev.tau.core.json.Json;
import dev.tau.testkit.channels.FakeDiscordApi;
import dev.tau.testkit.channels.FakeTelegramBotApi;
import dev.tau.testkit.channels.ScriptedFailure;
import dev.tau.testkit.fakes.RecordedRequest;
import dev.tau.testkit.store.MutableClock;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ConnectorPollingTest {
  private static final String TELEGRAM_TOKEN = "4242:telegram-test-secret";
  private static final String DISCORD_TOKEN = "discord-test-secret";

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2025-10-10T12:00:00Z"));
  private final List<Duration> sleeps = new ArrayList<>();
  private final Sleeper sleeper =
      d -> {
        sleeps.add(d);
        clock.advance(d);
      };
  private final FakeTelegramBotApi telegram = new FakeTelegramBotApi(TELEGRAM_TOKEN);
  private final FakeDiscordApi discord = new FakeDiscordApi(DISCORD_TOKEN);

  @AfterEach
  void close() {
    telegram.close();
    discord.close();
  }

  private Path statePath() {
    return dir.resolve("live-connectors-state.json");
  }

  private Path ingestDir() {
    return dir.resolve("live-ingress");
  }

  private ConnectorsConfig config(Consumer<ConnectorsConfig.Builder> customise) {
    ConnectorsConfig.Builder builder =
        ConnectorsConfig.builder()
            .statePath(statePath())
            .ingestDir(ingestDir())
            .telegramApiBase(telegram.baseUrl().toString())
            .discordApiBase(discord.baseUrl().toString())
            .telegramBotToken(Secret.of(TELEGRAM_TOKEN))
            .discordBotToken(Secret.of(DISCORD_TOKEN))
            .pollOnce(true);
    customise.accept(builder);
    return builder.build();
  }

  private ConnectorsConfig telegramConfig() {
    return config(b -> b.telegramMode(IngressMode.POLLING));
  }

  private ConnectorRuntime open(ConnectorsConfig config) {
    return ConnectorRuntime.open(config, clock, sleeper, ConnectorHttp.jdk(Duration.ofSeconds(5)));
  }

  private List<InboxLine> inbox() {
    return new InboxReader(ChannelNormalizer.standard()).readInbox(ingestDir());
  }

  private JsonNode state() throws Exception {
    return Json.parse(Files.readString(statePath()));
  }

  @Test
  void aTokenWithCharactersIllegalInAUrlIsEscapedAndNeverEchoed() throws Exception {
    String odd = "4242:odd token|with^chars";
    ConnectorsConfig config =
        config(b -> b.telegramMode(IngressMode.POLLING).telegramBotToken(Secret.of(odd)));

    open(config).pollOnce(); // the fake refuses the wrong token: auth_failed, no exception

    assertThat(state().at("/channels/telegram/last_error_code").asString())
        .isEqualTo("auth_failed");
    assertThat(Files.readString(statePath()))
        .doesNotContain("odd token")
        .doesNotContain("with^chars");
  }

  @Test
  void anUnexpectedErrorInAPollIsRecordedWithoutTheTokenAndTheLoopGoesOn() throws Exception {
    List<URI> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    ConnectorHttp broken =
        (uri, headers, timeout) -> {
          calls.add(uri);
          throw new IllegalStateException("cannot call " + uri);
        };
    ConnectorRuntime runtime = ConnectorRuntime.open(telegramConfig(), clock, sleeper, broken);

    runtime.pollOnce();
    assertThat(state().at("/channels/telegram/last_error_code").asString()).isEqualTo("poll_error");
    assertThat(state().at("/channels/telegram/last_error_message").asString())
        .contains("IllegalStateException")
        .contains("<redacted>")
        .doesNotContain("telegram-test-secret");

    try (ConnectorRuntime.Polling polling = runtime.startPolling()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (calls.size() < 3) {
        assertThat(System.nanoTime()).as("the loop polls again").isLessThan(deadline);
        Thread.sleep(20);
      }
    }
  }

  @Test
  void telegramPollingIngestsAndPersistsTheOffsetSoARestartDoesNotReingest() throws Exception {
    long first = telegram.enqueueTextMessage(100, 7, "alice", "hello");
    long second = telegram.enqueueTextMessage(100, 7, "alice", "again");

    CycleSummary run1 = open(telegramConfig()).pollOnce();

    assertThat(run1.ingestedEvents()).isEqualTo(2);
    assertThat(inbox()).hasSize(2).allMatch(l -> l instanceof InboxLine.Accepted);
    assertThat(state().get("telegram_next_update_offset").asLong()).isEqualTo(second + 1);
    assertThat(telegram.requests("GET", "/getUpdates").getFirst().query())
        .contains("timeout=0")
        .contains("offset=0");

    // a new process: same state file, the offset confirms the old updates
    CycleSummary run2 = open(telegramConfig()).pollOnce();

    assertThat(run2.ingestedEvents()).isZero();
    assertThat(run2.duplicateEvents()).isZero();
    assertThat(telegram.lastOffset()).isEqualTo(second + 1);
    assertThat(inbox()).hasSize(2);
    assertThat(first).isLessThan(second);
  }

  @Test
  void anUpdateAlreadyInTheInboxIsNotAppendedTwiceEvenWithoutState() throws Exception {
    telegram.enqueueTextMessage(100, 7, "alice", "hello");
    open(telegramConfig()).pollOnce();
    // lost state: the next poll asks with offset 0 and Telegram sends the update again
    Files.delete(statePath());

    CycleSummary again = open(telegramConfig()).pollOnce();

    assertThat(again.ingestedEvents()).isZero();
    assertThat(again.duplicateEvents()).isEqualTo(1);
    assertThat(Files.readAllLines(ingestDir().resolve("telegram.ndjson"))).hasSize(1);
  }

  @Test
  void discordPollingAsksForMessagesAfterTheLastSeenId() throws Exception {
    String channel = "555000111";
    discord.enqueueMessage(channel, "u1", "bob", "first");
    String secondId = discord.enqueueMessage(channel, "u1", "bob", "second");
    ConnectorsConfig config =
        config(b -> b.discordMode(IngressMode.POLLING).discordChannelIds(List.of(channel)));

    CycleSummary run1 = open(config).pollOnce();
    String thirdId = discord.enqueueMessage(channel, "u2", "carol", "third");
    CycleSummary run2 = open(config).pollOnce();

    assertThat(run1.ingestedEvents()).isEqualTo(2);
    assertThat(run2.ingestedEvents()).isEqualTo(1);
    List<RecordedRequest> gets = discord.requests("GET", "/channels/" + channel + "/messages");
    assertThat(gets.get(0).query()).doesNotContain("after=");
    assertThat(gets.get(1).query()).contains("after=" + secondId);
    assertThat(gets.get(1).header("authorization")).contains("Bot " + DISCORD_TOKEN);
    assertThat(state().path("discord_last_message_ids").path(channel).asString())
        .isEqualTo(thirdId);
    assertThat(inbox())
        .map(l -> ((InboxLine.Accepted) l).event().text())
        .containsExactly("first", "second", "third");
  }

  @Test
  void discordPollingSkipsMessagesFromBots() throws Exception {
    String channel = "555000222";
    discord.enqueueMessage(channel, "u1", "bob", "from a person");
    // the bot's own reply, posted through the API, is in the channel history too
    var client = java.net.http.HttpClient.newHttpClient();
    var post =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(discord.baseUrl() + "/channels/" + channel + "/messages"))
            .header("authorization", "Bot " + DISCORD_TOKEN)
            .header("content-type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"content\":\"ack\"}"))
            .build();
    assertThat(client.send(post, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
    ConnectorsConfig config =
        config(b -> b.discordMode(IngressMode.POLLING).discordChannelIds(List.of(channel)));

    open(config).pollOnce();

    assertThat(inbox())
        .map(l -> ((InboxLine.Accepted) l).event().text())
        .containsExactly("from a person");
  }

  @Test
  void unauthorizedFromThePlatformCountsAsAnAuthFailureWithoutRetries() throws Exception {
    ConnectorsConfig config =
        config(b -> b.telegramMode(IngressMode.POLLING).telegramBotToken(Secret.of("1:wrong")));

    CycleSummary summary = open(config).pollOnce();

    assertThat(summary.authFailures()).isEqualTo(1);
    assertThat(summary.retries()).isZero();
    JsonNode channel = state().path("channels").path("telegram");
    assertThat(channel.path("auth_failures").asLong()).isEqualTo(1);
    assertThat(channel.path("last_error_code").asString()).isEqualTo("auth_failed");
    assertThat(channel.path("liveness").asString()).isEqualTo("degraded");
    assertThat(channel.path("last_error_unix_ms").asLong()).isEqualTo(clock.millis());
    assertThat(Files.readString(statePath())).doesNotContain("1:wrong");
  }

  @Test
  void rateLimitIsRetriedAfterTheProvidersRetryAfter() throws Exception {
    telegram.enqueueTextMessage(100, 7, "alice", "hello");
    telegram.enqueueFailure(ScriptedFailure.rateLimited(3).on("/getUpdates"));

    CycleSummary summary = open(telegramConfig()).pollOnce();

    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    assertThat(summary.retries()).isEqualTo(1);
    assertThat(summary.ingestedEvents()).isEqualTo(1);
    JsonNode channel = state().path("channels").path("telegram");
    assertThat(channel.path("retry_attempts").asLong()).isEqualTo(1);
    assertThat(channel.path("provider_failures").asLong()).isZero();
    assertThat(channel.path("liveness").asString()).isEqualTo("healthy");
  }

  @Test
  void discordRateLimitUsesItsRetryAfterToo() throws Exception {
    String channel = "555000333";
    discord.enqueueMessage(channel, "u1", "bob", "hi");
    discord.enqueueFailure(ScriptedFailure.rateLimited(2).on("/messages"));
    ConnectorsConfig config =
        config(b -> b.discordMode(IngressMode.POLLING).discordChannelIds(List.of(channel)));

    CycleSummary summary = open(config).pollOnce();

    assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    assertThat(summary.ingestedEvents()).isEqualTo(1);
  }

  @Test
  void backoffIsBaseDelayTimesAttemptWhenLongerThanRetryAfter() throws Exception {
    telegram.enqueueFailure(
        ScriptedFailure.status(502, "Bad Gateway").on("/getUpdates"),
        ScriptedFailure.status(502, "Bad Gateway").on("/getUpdates"));

    open(config(b -> b.telegramMode(IngressMode.POLLING).retryBaseDelayMs(250))).pollOnce();

    assertThat(sleeps).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
  }

  @Test
  void breakerOpensAfterConsecutiveFailuresThenHalfOpensAfterTheCooldown() throws Exception {
    ConnectorsConfig config = config(b -> b.telegramMode(IngressMode.POLLING).retryMaxAttempts(1));
    // threshold max(1, 2) = 2 failed polls; cooldown max(4 × 0, 1000) = 1 s
    telegram.enqueueFailure(
        ScriptedFailure.status(503, "down").on("/getUpdates"),
        ScriptedFailure.status(503, "down").on("/getUpdates"));

    ConnectorRuntime runtime = open(config);
    runtime.pollOnce();
    assertThat(state().path("channels").path("telegram").path("breaker_state").asString())
        .isEqualTo("closed");
    runtime.pollOnce();
    JsonNode opened = state().path("channels").path("telegram");
    assertThat(opened.path("breaker_state").asString()).isEqualTo("open");
    assertThat(opened.path("liveness").asString()).isEqualTo("open");
    assertThat(opened.path("breaker_open_count").asLong()).isEqualTo(1);
    assertThat(opened.path("breaker_last_open_reason").asString())
        .isEqualTo("provider_unavailable");
    assertThat(opened.path("breaker_open_until_unix_ms").asLong()).isEqualTo(clock.millis() + 1000);

    int requests = telegram.requests().size();
    runtime.pollOnce(); // skipped: breaker open
    assertThat(telegram.requests()).hasSize(requests);
    assertThat(state().path("channels").path("telegram").path("last_error_code").asString())
        .isEqualTo("circuit_open");

    clock.advance(Duration.ofMillis(1000));
    runtime.pollOnce(); // half-open probe succeeds and closes the breaker
    JsonNode closed = state().path("channels").path("telegram");
    assertThat(telegram.requests()).hasSize(requests + 1);
    assertThat(closed.path("breaker_state").asString()).isEqualTo("closed");
    assertThat(closed.path("liveness").asString()).isEqualTo("healthy");
    assertThat(closed.path("retry_budget_remaining").asLong()).isEqualTo(1);
  }

  @Test
  void continuousRunnerLongPollsAndStopsPromptlyWhenAsked() throws Exception {
    ConnectorsConfig config =
        config(
            b -> b.telegramMode(IngressMode.POLLING).pollOnce(false).telegramLongPollSeconds(20));
    ConnectorRuntime runtime = open(config);
    java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
    var result = new java.util.concurrent.atomic.AtomicReference<CycleSummary>();
    Thread runner =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    result.set(runtime.run(stop, line -> {}));
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (telegram.requests("GET", "/getUpdates").isEmpty()) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(20);
    }
    telegram.enqueueTextMessage(100, 7, "alice", "arrives during the long poll");
    while (!Files.exists(ingestDir().resolve("telegram.ndjson"))) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(20);
    }
    assertThat(telegram.requests("GET", "/getUpdates").getFirst().query()).contains("timeout=20");

    long stopAsked = System.nanoTime();
    stop.countDown(); // the next long poll is in flight: stopping must not wait 20 s for it
    runner.join(Duration.ofSeconds(10));

    assertThat(runner.isAlive()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - stopAsked)).isLessThan(Duration.ofSeconds(8));
    assertThat(result.get().ingestedEvents()).isEqualTo(1);
    assertThat(state().path("channels").path("telegram").path("events_ingested").asLong())
        .isEqualTo(1);
  }

  @Test
  void missingTokenIsRecordedAsMissingConfigWithoutARequest() throws Exception {
    open(config(b -> b.telegramMode(IngressMode.POLLING).telegramBotToken(Secret.none())))
        .pollOnce();

    assertThat(telegram.requests()).isEmpty();
    assertThat(state().path("channels").path("telegram").path("last_error_code").asString())
        .isEqualTo("missing_config");
  }

  @Test
  void stateFileHasEveryFieldOfTheSpec() throws Exception {
    telegram.enqueueTextMessage(100, 7, "alice", "hello");
    open(telegramConfig()).pollOnce();

    JsonNode root = state();
    assertThat(root.path("schema_version").asInt()).isEqualTo(1);
    assertThat(root.path("processed_event_keys")).hasSize(1);
    assertThat(root.path("channels").properties())
        .extracting(java.util.Map.Entry::getKey)
        .containsExactly("telegram", "discord", "whatsapp");
    JsonNode channel = root.path("channels").path("telegram");
    assertThat(channel.propertyNames())
        .containsExactlyInAnyOrder(
            "mode",
            "liveness",
            "events_ingested",
            "duplicates_skipped",
            "events_ignored",
            "retry_attempts",
            "auth_failures",
            "parse_failures",
            "provider_failures",
            "consecutive_failures",
            "retry_budget_remaining",
            "breaker_state",
            "breaker_open_until_unix_ms",
            "breaker_last_open_reason",
            "breaker_open_count",
            "last_error_code",
            "last_error_message",
            "last_success_unix_ms",
            "last_error_unix_ms");
    assertThat(channel.path("mode").asString()).isEqualTo("polling");
    assertThat(channel.path("liveness").asString()).isEqualTo("healthy");
    assertThat(channel.path("last_success_unix_ms").asLong()).isEqualTo(clock.millis());
    JsonNode discordChannel = root.path("channels").path("discord");
    assertThat(discordChannel.path("liveness").asString()).isEqualTo("disabled");
    assertThat(discordChannel.path("breaker_state").asString()).isEqualTo("disabled");
    assertThat(Files.readString(statePath())).doesNotContain(TELEGRAM_TOKEN);
  }

  @Test
  void unparsableUpdatesAreCountedAndStillMoveTheOffset() throws Exception {
    long id =
        telegram.enqueueUpdate(
            (tools.jackson.databind.node.ObjectNode)
                Json.parse("{\"edited_message\":{\"message_id\":1}}"));

    CycleSummary summary = open(telegramConfig()).pollOnce();

    assertThat(summary.parseFailures()).isEqualTo(1);
    assertThat(state().path("telegram_next_update_offset").asLong()).isEqualTo(id + 1);
    assertThat(inbox()).isEmpty();
    assertThat(Transport.TELEGRAM.wire()).isEqualTo("telegram");
  }
}
