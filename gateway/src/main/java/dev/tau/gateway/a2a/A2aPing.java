package dev.tau.gateway.a2a;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The {@code zavora-a2a-v1} ping contract (zavora-spec §6.3), shared by {@code POST /v1/a2a/ping}
 * and {@code server a2a-smoke} so both run the same processing: emit {@code received} before
 * validation, check {@code from_agent}, {@code to_agent}, {@code message_id} in that order, build
 * the ack, emit {@code responded}.
 */
public final class A2aPing {
  private final A2aEvents events;

  public A2aPing(A2aEvents events) {
    this.events = Objects.requireNonNull(events, "events");
  }

  /** Handles a ping body as sent over HTTP. */
  public PingOutcome handle(JsonNode body) {
    if (body == null || !body.isObject()) {
      events.pingReceived("", "", "");
      return new PingOutcome.Rejected(PingRejection.BODY_NOT_OBJECT);
    }
    String from = text(body, "from_agent");
    String to = text(body, "to_agent");
    String id = text(body, "message_id");
    JsonNode correlation = body.get("correlation_id");
    if (correlation != null && !correlation.isNull() && !correlation.isString()) {
      events.pingReceived(from, to, id);
      return new PingOutcome.Rejected(PingRejection.CORRELATION_ID_NOT_STRING);
    }
    String correlationId =
        correlation == null || correlation.isNull() ? null : correlation.asString();
    return handle(new PingRequest(from, to, id, correlationId, body.get("payload")));
  }

  /** Handles a ping. */
  public PingOutcome handle(PingRequest request) {
    events.pingReceived(request.fromAgent(), request.toAgent(), request.messageId());
    if (request.fromAgent().isBlank()) {
      return new PingOutcome.Rejected(PingRejection.FROM_AGENT_REQUIRED);
    }
    if (request.toAgent().isBlank()) {
      return new PingOutcome.Rejected(PingRejection.TO_AGENT_REQUIRED);
    }
    if (request.messageId().isBlank()) {
      return new PingOutcome.Rejected(PingRejection.MESSAGE_ID_REQUIRED);
    }
    PingAck ack =
        new PingAck(
            request.toAgent(),
            request.fromAgent(),
            "ack-" + request.messageId(),
            request.correlation().orElse(request.messageId()),
            request.messageId());
    events.pingResponded(ack.messageId(), PingAck.STATUS);
    return new PingOutcome.Acknowledged(ack);
  }

  /** A string field, or empty when absent or not a string (then reported as required). */
  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value != null && value.isString() ? value.asString() : "";
  }
}
