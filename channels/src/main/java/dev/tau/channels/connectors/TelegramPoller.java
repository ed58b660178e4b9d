package dev.tau.channels.connectors;

import dev.tau.channels.Transport;
import dev.tau.core.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Telegram polling (tau-spec §5.14): {@code GET
 * <base>/bot<token>/getUpdates?timeout=<s>&offset=<n>}. Every update in {@code result} is ingested;
 * the next offset ({@code max(update_id) + 1}) is kept in the state, so a restart does not fetch
 * the same updates again. An update that cannot be normalised still moves the offset on (it is
 * counted as a parse failure), or it would block the queue for ever.
 */
final class TelegramPoller {
  private final ConnectorRuntime runtime;
  private final ProviderCalls calls;

  TelegramPoller(ConnectorRuntime runtime, ProviderCalls calls) {
    this.runtime = runtime;
    this.calls = calls;
  }

  void poll(int timeoutSeconds) throws InterruptedException {
    ConnectorsConfig config = runtime.config();
    if (!config.telegramBotToken().present()) {
      runtime.recordFailure(
          Transport.TELEGRAM,
          ConnectorErrorCode.MISSING_CONFIG,
          "telegram polling needs --multi-channel-telegram-bot-token or TAU_TELEGRAM_BOT_TOKEN",
          false);
      return;
    }
    if (!runtime.admitPoll(Transport.TELEGRAM)) {
      return;
    }
    long offset = runtime.telegramOffset();
    URI uri =
        URI.create(
            config.telegramApiBase()
                + "/bot"
                + segment(config.telegramBotToken().reveal())
                + "/getUpdates?timeout="
                + timeoutSeconds
                + "&offset="
                + offset);
    Duration timeout = Duration.ofSeconds(timeoutSeconds).plusMillis(config.httpTimeoutMs());
    JsonNode updates;
    try {
      String body = calls.get(Transport.TELEGRAM, "telegram getUpdates", uri, Map.of(), timeout);
      updates = results(body);
    } catch (ConnectorFailure failure) {
      runtime.recordFailure(Transport.TELEGRAM, failure);
      return;
    }
    runtime.recordPollSuccess(Transport.TELEGRAM);
    long next = offset;
    for (JsonNode update : updates) {
      JsonNode id = update.path("update_id");
      if (id.isIntegralNumber()) {
        next = Math.max(next, id.asLong() + 1);
      }
      runtime.ingest(Transport.TELEGRAM, update);
    }
    runtime.telegramOffset(next);
  }

  /**
   * The token as one path segment: a character illegal in a URL must not make {@link URI#create}
   * throw an exception whose message holds the token.
   */
  static String segment(String token) {
    // ':' is allowed in a path segment (RFC 3986 pchar) and Telegram tokens are "<id>:<secret>"
    return URLEncoder.encode(token, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
  }

  private static JsonNode results(String body) throws ConnectorFailure {
    JsonNode root;
    try {
      root = Json.parse(body);
    } catch (IllegalArgumentException e) {
      root = null;
    }
    if (root == null || !root.path("ok").asBoolean(false) || !root.path("result").isArray()) {
      throw new ConnectorFailure(
          ConnectorErrorCode.PROVIDER_UNAVAILABLE,
          false,
          "telegram getUpdates returned an unexpected body (expected {\"ok\":true,\"result\":[…]})");
    }
    return root.path("result");
  }
}
