package dev.tau.channels.discord;

import dev.tau.channels.EventKind;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import dev.tau.channels.ingress.PayloadFields;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.StringNode;

/** Discord message → normalised event (tau-spec §5.3, Discord column). */
final class DiscordMapper {
  private DiscordMapper() {}

  static InboundEvent toEvent(String provider, DiscordMessage m) {
    String text = replaceMentions(m.content(), m.mentions());
    PayloadFields.requireContent(text, m.attachments());
    return new InboundEvent(
        InboundEvent.SCHEMA_VERSION,
        Transport.DISCORD,
        EventKind.fromText(text),
        m.id(),
        m.channelId(),
        m.threadId(),
        m.authorId(),
        m.authorUsername(),
        m.timestampMs(),
        text,
        m.attachments(),
        Map.of("ingress_provider", StringNode.valueOf(provider)));
  }

  /**
   * Replaces {@code <@ID>} and {@code <@!ID>} with {@code @<name>} for users in {@code mentions[]};
   * tokens of users not listed stay as written. A plain scan, no regex, since it runs per event.
   */
  static String replaceMentions(String content, List<DiscordMessage.Mention> mentions) {
    if (mentions.isEmpty() || content.indexOf("<@") < 0) {
      return content;
    }
    StringBuilder out = new StringBuilder(content.length());
    int i = 0;
    while (i < content.length()) {
      int start = content.indexOf("<@", i);
      if (start < 0) {
        out.append(content, i, content.length());
        break;
      }
      out.append(content, i, start);
      int idStart = start + 2;
      if (idStart < content.length() && content.charAt(idStart) == '!') {
        idStart++;
      }
      int end = content.indexOf('>', idStart);
      String name = end < 0 ? null : nameFor(content.substring(idStart, end), mentions);
      if (name == null) {
        out.append("<@");
        i = start + 2;
      } else {
        out.append('@').append(name);
        i = end + 1;
      }
    }
    return out.toString();
  }

  private static String nameFor(String id, List<DiscordMessage.Mention> mentions) {
    if (id.isEmpty()) {
      return null;
    }
    for (DiscordMessage.Mention mention : mentions) {
      if (mention.id().equals(id)) {
        return mention.displayName();
      }
    }
    return null;
  }
}
