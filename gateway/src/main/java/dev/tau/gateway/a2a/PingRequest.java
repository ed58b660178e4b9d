package dev.tau.gateway.a2a;

import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * A {@code zavora-a2a-v1} ping as received. The three ids are kept as sent (untrimmed); {@link
 * A2aPing#handle} checks that they are not blank.
 *
 * @param fromAgent the sender
 * @param toAgent the addressee
 * @param messageId the sender's id for this message
 * @param correlationId the conversation id, or null when absent
 * @param payload any JSON (JSON null when absent); never echoed
 */
public record PingRequest(
    String fromAgent, String toAgent, String messageId, String correlationId, JsonNode payload) {
  public PingRequest {
    Objects.requireNonNull(fromAgent, "fromAgent");
    Objects.requireNonNull(toAgent, "toAgent");
    Objects.requireNonNull(messageId, "messageId");
    payload = payload == null ? NullNode.getInstance() : payload;
  }

  /** The correlation id, when one was sent. */
  public Optional<String> correlation() {
    return Optional.ofNullable(correlationId);
  }
}
