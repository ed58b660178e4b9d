package dev.tau.channels;

import java.util.Locale;
import java.util.Optional;

/** The messaging platforms Tau bridges. Serialised as {@code telegram|discord|whatsapp}. */
public enum Transport {
  TELEGRAM("telegram-bot-api"),
  DISCORD("discord-gateway"),
  WHATSAPP("whatsapp-cloud-api");

  private final String wire;
  private final String defaultProvider;

  Transport(String defaultProvider) {
    this.wire = name().toLowerCase(Locale.ROOT);
    this.defaultProvider = defaultProvider;
  }

  public String wire() {
    return wire;
  }

  /** The ingress provider label used when an envelope or ingest names none. */
  public String defaultProvider() {
    return defaultProvider;
  }

  /** The transport named by {@code text} (trimmed, any case), if it is one. */
  public static Optional<Transport> parse(String text) {
    String value = text.strip();
    for (Transport t : values()) {
      if (t.wire.equalsIgnoreCase(value)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
