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

  static InboundEvent toEvent(String provider, TelegramUpdate update) {
    TelegramUpdate.Message m = update.message();
    PayloadFields.requireContent(m.text(), m.attachments());
    Map<String, JsonNode> metadata = new LinkedHashMap<>(4);
    metadata.put("ingress_provider", StringNode.valueOf(provider));
    if (!update.updateId().isEmpty()) {
      metadata.put("telegram_update_id", StringNode.valueOf(update.updateId()));
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
        m.eventId(),
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
