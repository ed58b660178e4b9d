package dev.tau.channels.connectors;

import dev.tau.channels.Transport;
import dev.tau.core.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Discord polling (tau-spec §5.14), per configured channel id: {@code GET
 * <base>/channels/<id>/messages?limit=100} the first time, then {@code ?after=<last id>&limit=50},
 * with {@code Authorization: Bot <token>}. Messages are taken oldest first (snowflake order); only
 * ids newer than the remembered one are ingested. Messages from bots (Tau's own replies among them)
 * and, when guild ids are configured, from other guilds are passed over.
 */
final class DiscordPoller {
  /** Snowflakes are unsigned decimal numbers: shorter is older, then text order. */
  static final Comparator<String> SNOWFLAKE_ORDER =
      Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

  private final ConnectorRuntime runtime;
  private final ProviderCalls calls;

  DiscordPoller(ConnectorRuntime runtime, ProviderCalls calls) {
    this.runtime = runtime;
    this.calls = calls;
  }

  void poll() throws InterruptedException {
    ConnectorsConfig config = runtime.config();
    if (!config.discordBotToken().present()) {
      runtime.recordFailure(
          Transport.DISCORD,
          ConnectorErrorCode.MISSING_CONFIG,
          "discord polling needs --multi-channel-discord-bot-token or TAU_DISCORD_BOT_TOKEN",
          false);
      return;
    }
    if (!runtime.admitPoll(Transport.DISCORD)) {
      return;
    }
    Map<String, String> headers =
        Map.of(
            "authorization",
            "Bot " + config.discordBotToken().reveal(),
            "user-agent",
            "DiscordBot (https://github.com/tau-dev/tau, 0.1)");
    for (String channelId : config.discordChannelIds()) {
      String last = runtime.discordLastMessageId(channelId);
      String query = last.isEmpty() ? "limit=100" : "after=" + encode(last) + "&limit=50";
      URI uri =
          URI.create(
              config.discordApiBase() + "/channels/" + encode(channelId) + "/messages?" + query);
      JsonNode messages;
      try {
        String body =
            calls.get(
                Transport.DISCORD,
                "discord channel messages",
                uri,
                headers,
                Duration.ofMillis(config.httpTimeoutMs()));
        messages = Json.parse(body);
        if (messages == null || !messages.isArray()) {
          throw new ConnectorFailure(
              ConnectorErrorCode.PROVIDER_UNAVAILABLE,
              false,
              "discord channel messages returned an unexpected body (expected a JSON array)");
        }
      } catch (ConnectorFailure failure) {
        runtime.recordFailure(Transport.DISCORD, failure);
        continue;
      } catch (IllegalArgumentException e) {
        runtime.recordFailure(
            Transport.DISCORD,
            ConnectorErrorCode.PROVIDER_UNAVAILABLE,
            "discord channel messages returned invalid JSON",
            false);
        continue;
      }
      runtime.recordPollSuccess(Transport.DISCORD);
      List<JsonNode> ordered = new ArrayList<>();
      messages.forEach(ordered::add);
      ordered.sort(Comparator.comparing(m -> id(m), SNOWFLAKE_ORDER));
      String newest = last;
      for (JsonNode message : ordered) {
        String id = id(message);
        if (id.isEmpty() || (!last.isEmpty() && SNOWFLAKE_ORDER.compare(id, last) <= 0)) {
          continue;
        }
        if (newest.isEmpty() || SNOWFLAKE_ORDER.compare(id, newest) > 0) {
          newest = id;
        }
        if (message.path("author").path("bot").asBoolean(false) || !guildAllowed(config, message)) {
          continue;
        }
        runtime.ingest(Transport.DISCORD, message);
      }
      if (!newest.isEmpty()) {
        runtime.discordLastMessageId(channelId, newest);
      }
    }
  }

  private static boolean guildAllowed(ConnectorsConfig config, JsonNode message) {
    String guild = Json.text(message, "guild_id", "");
    return config.discordGuildIds().isEmpty()
        || guild.isEmpty()
        || config.discordGuildIds().contains(guild);
  }

  private static String id(JsonNode message) {
    JsonNode id = message.path("id");
    return id.isString() ? id.asString().strip() : id.isIntegralNumber() ? id.asString() : "";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
