package dev.tau.channels.outbound;

import dev.tau.channels.Transport;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a one-shot send goes (tau-spec §5.17), parsed from {@code --multi-channel-send-target}:
 * Telegram a numeric chat id (negative for groups) or {@code @username}, optional {@code chat:}
 * prefix; Discord a numeric channel id, optional {@code channel:} prefix; WhatsApp an E.164-like
 * number, optional {@code phone:} prefix and {@code @<digits>} phone number id override.
 *
 * @param conversationId the chat, channel, or {@code <phone id>:<recipient>} for WhatsApp
 * @param recipient the WhatsApp recipient; the conversation id otherwise
 * @param phoneNumberIdOverride the WhatsApp {@code @<digits>}; empty when not given
 * @param storeId the channel store id of the audit
 */
public record SendTarget(
    Transport transport,
    String conversationId,
    String recipient,
    String phoneNumberIdOverride,
    String storeId) {
  private static final Pattern TELEGRAM =
      Pattern.compile("(?:chat:)?(-?[0-9]{1,20}|@[A-Za-z0-9_]{1,64})");
  private static final Pattern DISCORD = Pattern.compile("(?:channel:)?([0-9]{1,20})");
  private static final Pattern WHATSAPP =
      Pattern.compile("(?:phone:)?(\\+?[0-9]{6,15})(?:@([0-9]{1,32}))?");

  public SendTarget {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(conversationId, "conversation_id");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(phoneNumberIdOverride, "phone_number_id_override");
    Objects.requireNonNull(storeId, "store_id");
  }

  /**
   * @throws IllegalArgumentException saying which forms the transport accepts
   */
  public static SendTarget parse(Transport transport, String text) {
    String value = text.strip();
    return switch (transport) {
      case TELEGRAM -> {
        Matcher m =
            match(
                TELEGRAM,
                value,
                transport,
                "a numeric chat id or @username (optional chat: prefix)");
        yield new SendTarget(transport, m.group(1), m.group(1), "", m.group(1));
      }
      case DISCORD -> {
        Matcher m =
            match(DISCORD, value, transport, "a numeric channel id (optional channel: prefix)");
        yield new SendTarget(transport, m.group(1), m.group(1), "", m.group(1));
      }
      case WHATSAPP -> {
        Matcher m =
            match(
                WHATSAPP,
                value,
                transport,
                "a phone number like +15551234567 (optional phone: prefix, optional @<phone number id>)");
        String recipient = m.group(1);
        String override = m.group(2) == null ? "" : m.group(2);
        yield new SendTarget(transport, recipient, recipient, override, recipient);
      }
    };
  }

  private static Matcher match(Pattern pattern, String value, Transport transport, String forms) {
    Matcher m = pattern.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid " + transport.wire() + " send target '" + value + "': expected " + forms);
    }
    return m;
  }
}
