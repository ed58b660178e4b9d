package dev.tau.channels.whatsapp;

import static dev.tau.channels.ingress.PayloadFields.optionalObject;
import static dev.tau.channels.ingress.PayloadFields.optionalString;
import static dev.tau.channels.ingress.PayloadFields.requiredArray;
import static dev.tau.channels.ingress.PayloadFields.requiredObject;
import static dev.tau.channels.ingress.PayloadFields.requiredPositive;
import static dev.tau.channels.ingress.PayloadFields.requiredString;

import dev.tau.channels.Attachment;
import dev.tau.channels.ingress.IngressReason;
import dev.tau.channels.ingress.NormalizationException;
import dev.tau.channels.ingress.PayloadFields;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The part of a Cloud API webhook {@code value} Tau reads: its first message and metadata. */
record WhatsAppValue(String phoneNumberId, Message message) {

  record Message(
      String id,
      String from,
      long timestampSeconds,
      String textBody,
      List<Attachment> attachments) {}

  static WhatsAppValue read(JsonNode payload) {
    JsonNode messages = requiredArray(payload, "messages", "payload.messages");
    if (messages.isEmpty()) {
      throw new NormalizationException(
          IngressReason.MISSING_FIELD, "payload.messages must include at least one message object");
    }
    JsonNode first = messages.get(0);
    if (!first.isObject()) {
      throw new NormalizationException(
          IngressReason.INVALID_FIELD_TYPE, "payload.messages[0] must be an object");
    }
    JsonNode metadata = requiredObject(payload, "metadata", "payload.metadata");
    String phoneNumberId =
        requiredString(
            metadata,
            "phone_number_id",
            IngressReason.MISSING_FIELD,
            "payload.metadata.phone_number_id");
    long timestamp =
        requiredPositive(
            first, "timestamp", IngressReason.INVALID_TIMESTAMP, "payload.messages[0].timestamp");
    String from =
        requiredString(first, "from", IngressReason.MISSING_FIELD, "payload.messages[0].from");
    String body =
        optionalObject(first, "text").flatMap(text -> optionalString(text, "body")).orElse("");
    return new WhatsAppValue(
        phoneNumberId,
        new Message(
            requiredString(first, "id", IngressReason.MISSING_FIELD, "payload.messages[0].id"),
            from,
            timestamp,
            body,
            PayloadFields.attachments(first, "attachments")));
  }
}
