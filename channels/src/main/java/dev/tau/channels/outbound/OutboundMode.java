package dev.tau.channels.outbound;

import java.util.Locale;
import java.util.Optional;

/**
 * How replies leave Tau (tau-spec §5.13, {@code --multi-channel-outbound-mode}). Flags use the
 * kebab-case name, JSON the snake_case one.
 */
public enum OutboundMode {
  /** Nothing is sent; the reply is only written to the channel store. */
  CHANNEL_STORE,
  /** Requests are shaped and returned as receipts with status {@code dry_run}; nothing is sent. */
  DRY_RUN,
  /** Real HTTP to the platform's API, behind the SSRF guard. */
  PROVIDER;

  /** {@code channel_store}, {@code dry_run}, {@code provider}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code channel-store}, {@code dry-run}, {@code provider}. */
  public String flag() {
    return wire().replace('_', '-');
  }

  /** The mode named by a flag value (kebab or snake case). */
  public static Optional<OutboundMode> parse(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    for (OutboundMode mode : values()) {
      if (mode.wire().equals(value)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
