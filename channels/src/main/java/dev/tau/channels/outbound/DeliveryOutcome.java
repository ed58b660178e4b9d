package dev.tau.channels.outbound;

import java.util.List;
import java.util.Objects;

/**
 * What one reply's delivery gave (tau-spec §5.13): the mode, the chunk count and one receipt per
 * chunk request. In {@code channel_store} mode there are no receipts.
 */
public record DeliveryOutcome(OutboundMode mode, int chunkCount, List<DeliveryReceipt> receipts) {
  public DeliveryOutcome {
    Objects.requireNonNull(mode, "mode");
    receipts = List.copyOf(receipts);
    if (chunkCount < 0) {
      throw new IllegalArgumentException("chunk_count must be >= 0");
    }
  }

  /** The outcome of {@link OutboundMode#CHANNEL_STORE}: nothing sent. */
  public static DeliveryOutcome channelStore() {
    return new DeliveryOutcome(OutboundMode.CHANNEL_STORE, 0, List.of());
  }

  /** Whether any chunk failed. */
  public boolean failed() {
    return receipts.stream().anyMatch(DeliveryReceipt::failed);
  }

  /** Whether every failed chunk may succeed when retried (rate limit, 5xx, transport error). */
  public boolean retryable() {
    return failed()
        && receipts.stream().filter(DeliveryReceipt::failed).allMatch(DeliveryReceipt::retryable);
  }
}
