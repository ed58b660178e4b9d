package dev.tau.channels.outbound;

import dev.tau.channels.Transport;
import dev.tau.core.json.Json;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * WhatsApp Cloud API: {@code POST <base>/<phone_number_id>/messages} with {@code Authorization:
 * Bearer <token>} and {@code {messaging_product:"whatsapp", to, type:"text", text:{body}}}; the
 * message id is {@code messages[0].id}; the Graph API gives no {@code retry_after}, only sometimes
 * {@code Retry-After}.
 */
final class WhatsAppOutbound implements OutboundPlatform {
  @Override
  public Transport transport() {
    return Transport.WHATSAPP;
  }

  @Override
  public ShapedRequest send(URI base, Target target, String chunk) {
    ObjectNode body =
        Json.object()
            .put("messaging_product", "whatsapp")
            .put("to", target.recipient())
            .put("type", "text");
    body.putObject("text").put("body", chunk);
    String endpoint = base + "/" + OutboundPlatform.segment(target.phoneNumberId()) + "/messages";
    return new ShapedRequest(
        "POST",
        URI.create(endpoint),
        endpoint,
        Map.of("Content-Type", "application/json", "Authorization", "Bearer " + target.token()),
        Json.write(body));
  }

  @Override
  public String messageId(JsonNode answer) {
    JsonNode id = answer.path("messages").path(0).path("id");
    return id.isString() ? id.asString() : "";
  }

  @Override
  public Optional<Duration> retryAfter(JsonNode answer, HttpHeaders headers) {
    return OutboundPlatform.retryAfterHeader(headers);
  }
}
