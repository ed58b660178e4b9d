package dev.tau.channels.access;

import dev.tau.channels.EventKind;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** A direct message or a group conversation, as the channel policy sees it. */
public enum ConversationKind {
  DM,
  GROUP;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * WhatsApp is always {@code dm}; otherwise {@code dm} when metadata says so ({@code
   * conversation_mode=dm}, {@code chat_type} private/dm/direct, {@code channel_type} dm/private/
   * direct, {@code is_dm=true}), else {@code group}.
   */
  public static ConversationKind of(InboundEvent event) {
    if (event.transport() == Transport.WHATSAPP) {
      return DM;
    }
    if (event.metadataText("conversation_mode").equalsIgnoreCase("dm")
        || isOneOf(event.metadataText("chat_type"), "private", "dm", "direct")
        || isOneOf(event.metadataText("channel_type"), "dm", "private", "direct")
        || isTrue(event.metadata().get("is_dm"))) {
      return DM;
    }
    return GROUP;
  }

  /**
   * A mention is present for commands, when metadata {@code mentions_bot}/{@code mentioned}/{@code
   * mention} is true, {@code mention_count > 0}, {@code mentions[]} is non-empty, or the text
   * contains {@code @tau}, {@code <@} or {@code /tau} (any case).
   */
  public static boolean mentionPresent(InboundEvent event) {
    if (event.eventKind() == EventKind.COMMAND) {
      return true;
    }
    var meta = event.metadata();
    if (isTrue(meta.get("mentions_bot"))
        || isTrue(meta.get("mentioned"))
        || isTrue(meta.get("mention"))) {
      return true;
    }
    JsonNode count = meta.get("mention_count");
    if (count != null && count.isNumber() && count.asDouble() > 0) {
      return true;
    }
    JsonNode mentions = meta.get("mentions");
    if (mentions != null && mentions.isArray() && !mentions.isEmpty()) {
      return true;
    }
    String text = event.text();
    return containsIgnoreCase(text, "@tau")
        || text.contains("<@")
        || containsIgnoreCase(text, "/tau");
  }

  private static boolean isOneOf(String value, String... options) {
    for (String option : options) {
      if (option.equalsIgnoreCase(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTrue(JsonNode value) {
    return value != null
        && (value.isBoolean()
            ? value.asBoolean()
            : value.isString() && "true".equalsIgnoreCase(value.asString().strip()));
  }

  /** Case-insensitive search without lower-casing a copy of the text. */
  static boolean containsIgnoreCase(String text, String needle) {
    int max = text.length() - needle.length();
    for (int i = 0; i <= max; i++) {
      if (text.regionMatches(true, i, needle, 0, needle.length())) {
        return true;
      }
    }
    return false;
  }
}
