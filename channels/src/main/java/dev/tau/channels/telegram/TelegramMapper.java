package dev.tau.channels.telegram;

import dev.tau.channels.EventKind;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import dev.tau.channels.ingress.PayloadFields;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/** Telegram update → normalised event (tau-spec §5.3, Telegram column). */
final class TelegramMapper {
  private TelegramMapper() {}

  /**
   * {@code <chat_id>:<message_id>}: a message id is unique only within its chat, so two chats'
   * message 42 must not share an event key (the spec's bare {@code message_id} made the second a
   * duplicate). Without a message id, the bot-wide {@code update_id}.
   */
  static String eventId(TelegramUpdate update) {
    TelegramUpdate.Message m = update.message();
    return m.messageId().isEmpty() ? update.updateId() : m.chatId() + ":" + m.messageId();
  }

  static InboundEvent toEvent(String provider, TelegramUpdate update) {
    TelegramUpdate.Message m = update.message();
    PayloadFields.requireContent(m.text(), m.attachments());
    Map<String, JsonNode> metadata = new LinkedHashMap<>(4);
    metadata.put("ingress_provider", StringNode.valueOf(provider));
    if (!update.updateId().isEmpty()) {
      metadata.put("telegram_update_id", StringNode.valueOf(update.updateId()));
    }
    if (!m.messageId().isEmpty()) {
      metadata.put("telegram_message_id", StringNode.valueOf(m.messageId()));
    }
    if (!m.chatType().isEmpty()) {
      // private, group, supergroup, channel: the channel policy tells DMs from groups by it
      metadata.put("chat_type", StringNode.valueOf(m.chatType()));
    }
    String display = !m.fromUsername().isEmpty() ? m.fromUsername() : m.fromFirstName();
    return new InboundEvent(
        InboundEvent.SCHEMA_VERSION,
        Transport.TELEGRAM,
        EventKind.fromText(m.text()),
        eventId(update),
        m.chatId(),
        m.threadId(),
        m.fromId(),
        display,
        PayloadFields.secondsToMillis(m.dateSeconds()),
        m.text(),
        m.attachments(),
        metadata);
  }
}
