package dev.tau.channels.discord;

import static dev.tau.channels.ingress.PayloadFields.optionalObject;
import static dev.tau.channels.ingress.PayloadFields.optionalString;
import static dev.tau.channels.ingress.PayloadFields.requiredObject;
import static dev.tau.channels.ingress.PayloadFields.requiredString;

import dev.tau.channels.Attachment;
import dev.tau.channels.ingress.IngressReason;
import dev.tau.channels.ingress.NormalizationException;
import dev.tau.channels.ingress.PayloadFields;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The part of a Discord message object Tau reads. */
record DiscordMessage(
    String id,
    String channelId,
    String threadId,
    String authorId,
    String authorUsername,
    long timestampMs,
    String content,
    List<Mention> mentions,
    List<Attachment> attachments) {

  /** A {@code mentions[]} user: the name shown is member nick, else global name, else username. */
  record Mention(String id, String displayName) {}

  static DiscordMessage read(JsonNode payload) {
    JsonNode author = requiredObject(payload, "author", "payload.author");
    String rawTimestamp =
        requiredString(payload, "timestamp", IngressReason.INVALID_TIMESTAMP, "payload.timestamp");
    long timestampMs = parseRfc3339(rawTimestamp);
    String threadId =
        optionalObject(payload, "thread")
            .flatMap(thread -> optionalString(thread, "id"))
            .or(() -> optionalString(payload, "thread_id"))
            .orElse("");
    return new DiscordMessage(
        requiredString(payload, "id", IngressReason.MISSING_FIELD, "payload.id"),
        requiredString(payload, "channel_id", IngressReason.MISSING_FIELD, "payload.channel_id"),
        threadId,
        requiredString(author, "id", IngressReason.MISSING_FIELD, "payload.author.id"),
        optionalString(author, "username").orElse(""),
        timestampMs,
        optionalString(payload, "content").orElse(""),
        mentions(payload.get("mentions")),
        PayloadFields.attachments(payload, "attachments"));
  }

  private static long parseRfc3339(String raw) {
    try {
      long ms = OffsetDateTime.parse(raw).toInstant().toEpochMilli();
      if (ms < 0) {
        throw new NormalizationException(
            IngressReason.INVALID_TIMESTAMP, "payload.timestamp '" + raw + "' is before 1970");
      }
      return ms;
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new NormalizationException(
          IngressReason.INVALID_TIMESTAMP, "payload.timestamp '" + raw + "' is not valid RFC3339");
    }
  }

  private static List<Mention> mentions(JsonNode raw) {
    if (raw == null || !raw.isArray() || raw.isEmpty()) {
      return List.of();
    }
    List<Mention> out = new ArrayList<>(raw.size());
    for (JsonNode user : raw) {
      if (!user.isObject()) {
        continue;
      }
      String id = optionalString(user, "id").orElse("");
      String name =
          optionalObject(user, "member")
              .flatMap(member -> optionalString(member, "nick"))
              .filter(s -> !s.isEmpty())
              .or(() -> optionalString(user, "global_name").filter(s -> !s.isEmpty()))
              .or(() -> optionalString(user, "username").filter(s -> !s.isEmpty()))
              .orElse("");
      if (!id.isEmpty() && !name.isEmpty()) {
        out.add(new Mention(id, name));
      }
    }
    return out;
  }
}
