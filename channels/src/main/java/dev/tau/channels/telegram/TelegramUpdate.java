package dev.tau.channels.telegram;

import static dev.tau.channels.ingress.PayloadFields.optionalString;
import static dev.tau.channels.ingress.PayloadFields.requiredObject;
import static dev.tau.channels.ingress.PayloadFields.requiredPositive;
import static dev.tau.channels.ingress.PayloadFields.requiredString;

import dev.tau.channels.Attachment;
import dev.tau.channels.ingress.IngressReason;
import dev.tau.channels.ingress.NormalizationException;
import dev.tau.channels.ingress.PayloadFields;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The part of a Bot API {@code Update} Tau reads. Only {@code message} updates carry a
 * conversation; edits and callbacks fail with {@code missing_field}. {@code message.attachments} is
 * a Tau extension (Telegram itself sends {@code photo}/{@code document} file ids).
 */
record TelegramUpdate(String updateId, Message message) {

  /**
   * @param messageId {@code message_id}, or "" when the update has none (then {@code update_id}
   *     identifies the event)
   */
  record Message(
      String messageId,
      long dateSeconds,
      String chatId,
      String chatType,
      String threadId,
      String fromId,
      String fromUsername,
      String fromFirstName,
      String text,
      List<Attachment> attachments) {}

  static TelegramUpdate read(JsonNode payload) {
    JsonNode message = requiredObject(payload, "message", "payload.message");
    JsonNode chat = requiredObject(message, "chat", "payload.message.chat");
    JsonNode from = requiredObject(message, "from", "payload.message.from");
    String updateId = optionalString(payload, "update_id").orElse("");
    String messageId = optionalString(message, "message_id").orElse("");
    if (messageId.isEmpty() && updateId.isEmpty()) {
      throw new NormalizationException(
          IngressReason.MISSING_FIELD,
          "payload.message.message_id or payload.update_id is required");
    }
    long date =
        requiredPositive(message, "date", IngressReason.INVALID_TIMESTAMP, "payload.message.date");
    return new TelegramUpdate(
        updateId,
        new Message(
            messageId,
            date,
            requiredString(chat, "id", IngressReason.MISSING_FIELD, "payload.message.chat.id"),
            optionalString(chat, "type").orElse(""),
            optionalString(message, "message_thread_id").orElse(""),
            requiredString(from, "id", IngressReason.MISSING_FIELD, "payload.message.from.id"),
            optionalString(from, "username").orElse(""),
            optionalString(from, "first_name").orElse(""),
            optionalString(message, "text").orElse(""),
            PayloadFields.attachments(message, "attachments")));
  }
}
