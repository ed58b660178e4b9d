package dev.tau.channels.outbound;

import dev.tau.channels.Transport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One platform's outbound wire format: how a chunk becomes a request, where the answer carries the
 * message id, and how a 429 says when to retry. One implementation per platform ({@link
 * TelegramOutbound}, {@link DiscordOutbound}, {@link WhatsAppOutbound}).
 */
sealed interface OutboundPlatform permits TelegramOutbound, DiscordOutbound, WhatsAppOutbound {

  /** Where one chunk goes and with which credentials (placeholders in dry-run mode). */
  record Target(String conversationId, String recipient, String phoneNumberId, String token) {}

  Transport transport();

  /** The request that sends {@code chunk} as a new message. */
  ShapedRequest send(URI base, Target target, String chunk);

  /** The platform's message id in a success answer; empty when absent. */
  String messageId(JsonNode answer);

  /** How long a 429 answer asks to wait. */
  Optional<Duration> retryAfter(JsonNode answer, HttpHeaders headers);

  static OutboundPlatform of(Transport transport) {
    return switch (transport) {
      case TELEGRAM -> new TelegramOutbound();
      case DISCORD -> new DiscordOutbound();
      case WHATSAPP -> new WhatsAppOutbound();
    };
  }

  /** A path segment with everything but unreserved characters percent-encoded. */
  static String segment(String value) {
    // ':' is allowed in a path segment (RFC 3986 pchar) and Telegram tokens are "<id>:<secret>"
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
  }

  /** The standard {@code Retry-After} header in seconds, when present and numeric. */
  static Optional<Duration> retryAfterHeader(HttpHeaders headers) {
    return headers
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              try {
                double seconds = Double.parseDouble(value.strip());
                return seconds >= 0
                    ? Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)))
                    : Optional.empty();
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }
}
