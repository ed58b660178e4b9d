package dev.tau.channels.whatsapp;

import dev.tau.channels.ChannelAdapter;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import tools.jackson.databind.JsonNode;

/**
 * Normalises WhatsApp Cloud API webhook {@code value} objects (the {@code entry[].changes[].value}
 * of a {@code messages} notification).
 */
public final class WhatsAppAdapter implements ChannelAdapter {

  @Override
  public Transport transport() {
    return Transport.WHATSAPP;
  }

  @Override
  public InboundEvent normalize(String provider, JsonNode payload) {
    return WhatsAppMapper.toEvent(provider, WhatsAppValue.read(payload));
  }
}
