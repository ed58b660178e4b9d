package dev.tau.gateway.a2a;

/**
 * Hears the A2A contract's telemetry events (zavora-spec §7: {@code a2a.ping.received}, {@code
 * a2a.ping.responded}, {@code a2a.smoke.passed}). The seam a telemetry sink plugs into;
 * implementations must not throw.
 */
public interface A2aEvents {
  /** Ignores every event. */
  A2aEvents NONE = new A2aEvents() {};

  /** A ping arrived, before validation; absent fields are empty strings. */
  default void pingReceived(String fromAgent, String toAgent, String messageId) {}

  /** A ping was acknowledged: {@code messageId} is the ack's id. */
  default void pingResponded(String messageId, String status) {}

  /** {@code server a2a-smoke} passed. */
  default void smokePassed(String fromAgent, String toAgent, String messageId) {}
}
