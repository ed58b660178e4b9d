package dev.tau.channels.outbound;

import java.util.List;
import java.util.stream.Stream;

/** Replaces the configured credentials in any text that leaves the dispatcher. */
final class Redactor {
  private static final String REDACTED = "<redacted>";

  private final List<String> secrets;

  Redactor(OutboundSettings settings) {
    this.secrets =
        Stream.of(
                settings.telegramBotToken(),
                settings.discordBotToken(),
                settings.whatsappAccessToken())
            .filter(s -> !s.isEmpty())
            .toList();
  }

  String apply(String text) {
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, REDACTED);
      String encoded = OutboundPlatform.segment(secret);
      if (!encoded.equals(secret)) {
        result = result.replace(encoded, REDACTED);
      }
    }
    return result;
  }
}
