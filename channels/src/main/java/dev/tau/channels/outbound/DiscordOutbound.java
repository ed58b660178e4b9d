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
 * Discord REST: {@code POST <base>/channels/<id>/messages} with {@code {content}} and {@code
 * Authorization: Bot <token>}; {@code PATCH …/messages/<mid>} for progressive edits; the message id
 * is {@code id}; a 429 carries {@code retry_after} seconds (fractional) and {@code Retry-After}.
 */
final class DiscordOutbound implements OutboundPlatform {
  /** The placeholder a progressive edit starts from. */
  static final String PLACEHOLDER = "...";

  @Override
  public Transport transport() {
    return Transport.DISCORD;
  }

  @Override
  public ShapedRequest send(URI base, Target target, String chunk) {
    String endpoint =
        base + "/channels/" + OutboundPlatform.segment(target.conversationId()) + "/messages";
    return new ShapedRequest(
        "POST", URI.create(endpoint), endpoint, headers(target), content(chunk));
  }

  /** The request that replaces message {@code messageId}'s content with {@code text}. */
  ShapedRequest edit(URI base, Target target, String messageId, String text) {
    String endpoint =
        base
            + "/channels/"
            + OutboundPlatform.segment(target.conversationId())
            + "/messages/"
            + OutboundPlatform.segment(messageId);
    return new ShapedRequest(
        "PATCH", URI.create(endpoint), endpoint, headers(target), content(text));
  }

  @Override
  public String messageId(JsonNode answer) {
    JsonNode id = answer.path("id");
    return id.isString() || id.isNumber() ? id.asString() : "";
  }

  @Override
  public Optional<Duration> retryAfter(JsonNode answer, HttpHeaders headers) {
    JsonNode seconds = answer.path("retry_after");
    if (seconds.isNumber() && seconds.asDouble() >= 0) {
      return Optional.of(Duration.ofMillis((long) Math.ceil(seconds.asDouble() * 1000)));
    }
    return OutboundPlatform.retryAfterHeader(headers);
  }

  private static Map<String, String> headers(Target target) {
    return Map.of("Content-Type", "application/json", "Authorization", "Bot " + target.token());
  }

  private static String content(String text) {
    return Json.write(Json.object().put("content", text));
  }
}
