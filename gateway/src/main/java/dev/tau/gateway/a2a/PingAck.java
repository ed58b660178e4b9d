package dev.tau.gateway.a2a;

import dev.tau.core.json.Json;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The acknowledgement of a ping (zavora-spec §6.3): sender and addressee swapped, {@code
 * ack-<message_id>}, the correlation id (or the request's message id), status {@value #STATUS}.
 */
public record PingAck(
    String fromAgent,
    String toAgent,
    String messageId,
    String correlationId,
    String acknowledgedMessageId) {
  /** The protocol label in every ack's payload. */
  public static final String PROTOCOL = "zavora-a2a-v1";

  /** The one status an ack carries. */
  public static final String STATUS = "acknowledged";

  public PingAck {
    Objects.requireNonNull(fromAgent, "fromAgent");
    Objects.requireNonNull(toAgent, "toAgent");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(acknowledgedMessageId, "acknowledgedMessageId");
  }

  /** The wire form, fields in the spec's order. */
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("from_agent", fromAgent);
    node.put("to_agent", toAgent);
    node.put("message_id", messageId);
    node.put("correlation_id", correlationId);
    node.put("acknowledged_message_id", acknowledgedMessageId);
    node.put("status", STATUS);
    ObjectNode payload = node.putObject("payload");
    payload.put("accepted", true);
    payload.put("protocol", PROTOCOL);
    return node;
  }
}
