package dev.tau.channels.whatsapp;

import dev.tau.channels.EventKind;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import dev.tau.channels.ingress.PayloadFields;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/** WhatsApp webhook value → normalised event (tau-spec §5.3, WhatsApp column). */
final class WhatsAppMapper {
  private WhatsAppMapper() {}

  static InboundEvent toEvent(String provider, WhatsAppValue value) {
    WhatsAppValue.Message m = value.message();
    PayloadFields.requireContent(m.textBody(), m.attachments());
    Map<String, JsonNode> metadata = new LinkedHashMap<>(4);
    metadata.put("ingress_provider", StringNode.valueOf(provider));
    metadata.put("whatsapp_phone_number_id", StringNode.valueOf(value.phoneNumberId()));
    return new InboundEvent(
        InboundEvent.SCHEMA_VERSION,
        Transport.WHATSAPP,
        EventKind.fromText(m.textBody()),
        m.id(),
        value.phoneNumberId() + ':' + m.from(),
        "",
        m.from(),
        "",
        PayloadFields.secondsToMillis(m.timestampSeconds()),
        m.textBody(),
        m.attachments(),
        metadata);
  }
}
