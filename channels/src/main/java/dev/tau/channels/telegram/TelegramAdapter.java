package dev.tau.channels.telegram;

import dev.tau.channels.ChannelAdapter;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import tools.jackson.databind.JsonNode;

/** Normalises Telegram Bot API updates ({@code getUpdates} results and webhook bodies). */
public final class TelegramAdapter implements ChannelAdapter {

  @Override
  public Transport transport() {
    return Transport.TELEGRAM;
  }

  @Override
  public InboundEvent normalize(String provider, JsonNode payload) {
    return TelegramMapper.toEvent(provider, TelegramUpdate.read(payload));
  }
}
