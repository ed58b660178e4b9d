package dev.tau.channels.discord;

import dev.tau.channels.ChannelAdapter;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import tools.jackson.databind.JsonNode;

/** Normalises Discord message objects (REST {@code GET /channels/{id}/messages} items). */
public final class DiscordAdapter implements ChannelAdapter {

  @Override
  public Transport transport() {
    return Transport.DISCORD;
  }

  @Override
  public InboundEvent normalize(String provider, JsonNode payload) {
    return DiscordMapper.toEvent(provider, DiscordMessage.read(payload));
  }
}
