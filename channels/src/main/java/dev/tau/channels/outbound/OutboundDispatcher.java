package dev.tau.channels.outbound;

import dev.tau.channels.InboundEvent;

/**
 * Sends a reply to the conversation an inbound event came from, in one {@link OutboundMode}. A
 * delivery failure is a value ({@link DeliveryOutcome} with failed receipts and reason codes),
 * never an exception. Implementations are thread-safe.
 */
public interface OutboundDispatcher {

  /** The mode this dispatcher delivers in. */
  OutboundMode mode();

  /**
   * Delivers {@code text} as the reply to {@code event}, chunked to the platform's limits.
   *
   * @param text the reply (already through the output guardrails); trimmed before chunking
   */
  DeliveryOutcome deliver(InboundEvent event, String text);
}
