package dev.tau.channels.outbound;

import dev.tau.channels.Transport;
import dev.tau.core.json.Json;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Telegram Bot API: {@code POST <base>/bot<token>/sendMessage} with {@code {chat_id, text,
 * disable_web_page_preview}}; the message id is {@code result.message_id}; a 429 carries {@code
 * parameters.retry_after} seconds. The token is in the path, so the receipt endpoint reads {@code
 * bot<redacted>}.
 */
final class TelegramOutbound implements OutboundPlatform {
  @Override
  public Transport transport() {
    return Transport.TELEGRAM;
  }

  @Override
  public ShapedRequest send(URI base, Target target, String chunk) {
    String body =
        Json.write(
            Json.object()
                .put("chat_id", target.conversationId())
                .put("text", chunk)
                .put("disable_web_page_preview", true));
    return new ShapedRequest(
        "POST",
        URI.create(base + "/bot" + OutboundPlatform.segment(target.token()) + "/sendMessage"),
        base
            + "/bot"
            + (target.token().equals(OutboundDispatchers.DRY_RUN_TELEGRAM_TOKEN)
                ? target.token()
                : "<redacted>")
            + "/sendMessage",
        Map.of("Content-Type", "application/json"),
        body);
  }

  @Override
  public String messageId(JsonNode answer) {
    JsonNode id = answer.path("result").path("message_id");
    return id.isMissingNode() || id.isNull() ? "" : id.asString();
  }

  @Override
  public Optional<Duration> retryAfter(JsonNode answer, HttpHeaders headers) {
    JsonNode seconds = answer.path("parameters").path("retry_after");
    if (seconds.isNumber() && seconds.asDouble() >= 0) {
      return Optional.of(Duration.ofMillis((long) Math.ceil(seconds.asDouble() * 1000)));
    }
    return OutboundPlatform.retryAfterHeader(headers);
  }
}
